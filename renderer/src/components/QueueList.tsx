// The queue as a virtual listbox: only visible rows are in the DOM; nearing the end loads the next page.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { openTicket, QUEUE_LIST_ID } from '../keyboard';
import { useDetailStore } from '../state/detail-store';
import { isFiltered, useQueueStore } from '../state/queue-store';
import { useNow } from '../use-now';
import { QueueMessage } from './QueueMessage';
import { QueueRow, ROW_HEIGHT, rowElementId } from './QueueRow';

/** Start loading the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 40;

export function QueueList() {
  const { t } = useTranslation();
  const tickets = useQueueStore((state) => state.tickets);
  const hasMore = useQueueStore((state) => state.nextCursor !== null);
  const loading = useQueueStore((state) => state.loading);
  const loadingMore = useQueueStore((state) => state.loadingMore);
  const error = useQueueStore((state) => state.error);
  const filters = useQueueStore((state) => state.filters);
  const view = useQueueStore((state) => state.view);
  const sort = useQueueStore((state) => state.sorts[state.view]);
  const selectedId = useQueueStore((state) => state.selectedId);
  const loadMore = useQueueStore((state) => state.loadMore);
  const reload = useQueueStore((state) => state.reload);
  const clearFilters = useQueueStore((state) => state.clearFilters);
  const openId = useDetailStore((state) => state.openId);
  // One clock for every row: the SLA countdowns tick each second while the window is visible.
  const now = useNow(1000);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: tickets.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => tickets[index]?.id ?? index,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && lastVisible >= tickets.length - PREFETCH_ROWS) void loadMore();
  }, [hasMore, lastVisible, tickets.length, loadMore]);

  // Keeps the keyboard selection in view; a live refresh that moves rows does not yank the scroll position.
  useEffect(() => {
    const index = useQueueStore.getState().tickets.findIndex((ticket) => ticket.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, virtualizer]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [filters, view, sort, virtualizer]);

  const selectedRendered = items.some((item) => tickets[item.index]?.id === selectedId);

  return (
    <section className={loading && tickets.length > 0 ? 'queue stale' : 'queue'} aria-busy={loading}>
      <div className="queue-columns" aria-hidden="true">
        <span className="cell cell-priority" />
        <span className="cell cell-due">{t('queue.columns.due')}</span>
        <span className="cell cell-subject">{t('queue.columns.subject')}</span>
        <span className="cell cell-customer">{t('queue.columns.customer')}</span>
        <span className="cell cell-status">{t('queue.columns.status')}</span>
        <span className="cell cell-assignee">{t('queue.columns.assignee')}</span>
        <span className="cell cell-age">{t('queue.columns.age')}</span>
      </div>
      <div
        ref={scrollRef}
        id={QUEUE_LIST_ID}
        className="queue-scroll"
        role="listbox"
        tabIndex={0}
        aria-label={t('queue.label')}
        aria-activedescendant={selectedId !== null && selectedRendered ? rowElementId(selectedId) : undefined}
      >
        <div className="queue-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const ticket = tickets[item.index];
            if (!ticket) return null;
            return (
              <QueueRow
                key={item.key}
                ticket={ticket}
                index={item.index}
                setSize={hasMore ? -1 : tickets.length}
                top={item.start}
                selected={ticket.id === selectedId}
                open={ticket.id === openId}
                now={now}
                onOpen={openTicket}
              />
            );
          })}
        </div>
      </div>
      <QueueMessage
        loading={loading && tickets.length === 0}
        loadingMore={loadingMore}
        error={error}
        empty={!loading && tickets.length === 0}
        filtered={isFiltered(filters, view)}
        view={view}
        onRetry={() => void reload()}
        onClearFilters={clearFilters}
      />
    </section>
  );
}
