// Header counts from getQueueStats: open tickets, per priority, and mine.
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../src/domain/ticket';
import { useQueueStore } from '../state/queue-store';

export function QueueCounts() {
  const { t } = useTranslation();
  const stats = useQueueStore((state) => state.stats);
  if (!stats) return null;
  return (
    <ul className="queue-counts" aria-label={t('header.counts')}>
      <li>
        <span className="count-label">{t('header.open')}</span> <strong>{stats.open}</strong>
      </li>
      {PRIORITIES.map((priority) => (
        <li
          key={priority}
          className={`count-priority count-${priority.toLowerCase()}${stats.byPriority[priority] > 0 ? ' nonzero' : ''}`}
          title={t(`priority.${priority}`)}
        >
          <span className="count-label">{priority}</span> <strong>{stats.byPriority[priority]}</strong>
        </li>
      ))}
      <li>
        <span className="count-label">{t('header.mine')}</span> <strong>{stats.mine}</strong>
      </li>
    </ul>
  );
}
