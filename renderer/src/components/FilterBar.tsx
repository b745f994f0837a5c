// The search landmark over the queue: priority toggles, status, customer, "Mine", open/all (the full queue only),
// the search box, and the order of the view.
import { useTranslation } from 'react-i18next';
import { OPEN_STATUSES, PRIORITIES, TICKET_STATUSES, type TicketStatus } from '../../../src/domain/ticket';
import { isFiltered, useQueueStore } from '../state/queue-store';
import { useAppStore } from '../state/app-store';
import { SearchBox } from './SearchBox';
import { SortChoice } from './SortChoice';

export function FilterBar() {
  const { t } = useTranslation();
  const filters = useQueueStore((state) => state.filters);
  const view = useQueueStore((state) => state.view);
  const customers = useQueueStore((state) => state.customers);
  const setFilters = useQueueStore((state) => state.setFilters);
  const clearFilters = useQueueStore((state) => state.clearFilters);
  const me = useAppStore((state) => state.settings?.me ?? '');

  const togglePriority = (priority: (typeof PRIORITIES)[number]) =>
    setFilters({
      priorities: filters.priorities.includes(priority)
        ? filters.priorities.filter((p) => p !== priority)
        : PRIORITIES.filter((p) => p === priority || filters.priorities.includes(p)),
    });

  const chooseStatus = (value: string) => {
    const statuses = value === '' ? [] : [value as TicketStatus];
    const closedStatus = statuses.some((status) => !OPEN_STATUSES.includes(status));
    // In the full queue a closed status shows solved tickets too; "Needs me now" has open tickets only.
    setFilters(closedStatus && view === 'queue' ? { statuses, scope: 'all' } : { statuses });
  };

  return (
    <div className="filter-bar" role="search" aria-label={t('filters.label')}>
      <div className="toggle-group" role="group" aria-label={t('filters.priority')}>
        {PRIORITIES.map((priority) => (
          <button
            key={priority}
            type="button"
            className={`toggle toggle-${priority.toLowerCase()}`}
            aria-pressed={filters.priorities.includes(priority)}
            title={t(`priority.${priority}`)}
            onClick={() => togglePriority(priority)}
          >
            {priority}
          </button>
        ))}
      </div>
      <select
        aria-label={t('filters.status')}
        value={filters.statuses[0] ?? ''}
        onChange={(event) => chooseStatus(event.target.value)}
      >
        <option value="">{t('filters.allStatuses')}</option>
        {TICKET_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('filters.customer')}
        value={filters.customerIds[0] ?? ''}
        onChange={(event) =>
          setFilters({ customerIds: event.target.value === '' ? [] : [event.target.value] })
        }
      >
        <option value="">{t('filters.allCustomers')}</option>
        {customers.map((customer) => (
          <option key={customer.id} value={customer.id}>
            {customer.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="toggle"
        aria-pressed={filters.mine}
        title={t('filters.mineTitle', { name: me })}
        onClick={() => setFilters({ mine: !filters.mine })}
      >
        {t('filters.mine')}
      </button>
      {view === 'queue' && (
        <div className="toggle-group" role="group" aria-label={t('filters.scope')}>
          {(['open', 'all'] as const).map((scope) => (
            <button
              key={scope}
              type="button"
              className="toggle"
              aria-pressed={filters.scope === scope}
              onClick={() => setFilters({ scope })}
            >
              {scope === 'open' ? t('filters.scopeOpen') : t('filters.scopeAll')}
            </button>
          ))}
        </div>
      )}
      <SearchBox />
      <SortChoice />
      {isFiltered(filters, view) && (
        <button type="button" className="button-quiet" onClick={clearFilters}>
          {t('filters.clear')}
        </button>
      )}
    </div>
  );
}
