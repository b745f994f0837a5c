// The order of the current view (urgency, deadline, last update, age): a labelled select that shows the active
// order; each view remembers its own.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_SORTS, type QueueSort } from '../../../src/api';
import { useQueueStore } from '../state/queue-store';

export function SortChoice() {
  const { t } = useTranslation();
  const id = useId();
  const sort = useQueueStore((state) => state.sorts[state.view]);
  const setSort = useQueueStore((state) => state.setSort);
  return (
    <span className="sort-choice">
      <label htmlFor={id}>{t('sort.label')}</label>
      <select id={id} value={sort} onChange={(event) => setSort(event.target.value as QueueSort)}>
        {QUEUE_SORTS.map((option) => (
          <option key={option} value={option}>
            {t(`sort.${option}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
