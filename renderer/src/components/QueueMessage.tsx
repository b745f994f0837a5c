// What the queue says when it has no rows to show (loading, error, empty) or is fetching the next page.
import { useTranslation } from 'react-i18next';
import type { QueueView } from '../../../src/api';

interface QueueMessageProps {
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  empty: boolean;
  filtered: boolean;
  view: QueueView;
  onRetry: () => void;
  onClearFilters: () => void;
}

export function QueueMessage(props: QueueMessageProps) {
  const { t } = useTranslation();
  if (props.error !== null) {
    return (
      <div className="queue-message queue-error" role="alert">
        <span>{props.error}</span>
        <button type="button" onClick={props.onRetry}>
          {t('queue.retry')}
        </button>
      </div>
    );
  }
  if (props.loading) {
    return (
      <div className="queue-message" role="status">
        {t('queue.loading')}
      </div>
    );
  }
  if (props.empty) {
    return (
      <div className="queue-message" role="status">
        <span>
          {props.filtered
            ? t('queue.empty')
            : props.view === 'needsMe'
              ? t('queue.emptyNeedsMe')
              : t('queue.emptyOpen')}
        </span>
        {props.filtered && (
          <button type="button" onClick={props.onClearFilters}>
            {t('filters.clear')}
          </button>
        )}
      </div>
    );
  }
  if (props.loadingMore) {
    return (
      <div className="queue-message queue-more" role="status">
        {t('queue.loadingMore')}
      </div>
    );
  }
  return null;
}
