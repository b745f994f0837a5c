// The search box: debounced into the queue's `search` filter; Enter searches at once and returns to the list.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { focusQueueList, SEARCH_INPUT_ID } from '../keyboard';
import { useQueueStore } from '../state/queue-store';

const DEBOUNCE_MS = 250;

export function SearchBox() {
  const { t } = useTranslation();
  const search = useQueueStore((state) => state.filters.search);
  const setFilters = useQueueStore((state) => state.setFilters);
  const [text, setText] = useState(search);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // Follows the filter when it changes elsewhere ("Clear filters").
  useEffect(() => setText(search), [search]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (value: string) => {
    clearTimeout(timer.current);
    if (value !== useQueueStore.getState().filters.search) setFilters({ search: value });
  };

  return (
    <input
      id={SEARCH_INPUT_ID}
      className="search-box"
      type="search"
      value={text}
      maxLength={200}
      aria-label={t('filters.search')}
      placeholder={t('filters.searchPlaceholder')}
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => {
        const value = event.target.value;
        setText(value);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(value), DEBOUNCE_MS);
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Enter') return;
        event.preventDefault();
        commit(text);
        focusQueueList();
      }}
    />
  );
}
