// One connection's sync in a line: its state, when it last synced, the user's changes waiting to be sent or refused,
// and what went wrong, in words.
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { useAppStore } from '../state/app-store';
import { connectionStateText, lastSyncText } from '../sync-words';
import { useNow } from '../use-now';

export function ConnectionSyncLine({ source }: { source: string }) {
  const { t, i18n } = useTranslation();
  const status = useAppStore((state) => state.sync?.connections.find((c) => c.source === source));
  const now = useNow();
  if (!status) return null;
  return (
    <div className={`connection-sync connection-sync-${status.state}`}>
      <p>
        <span className="connection-sync-state">{connectionStateText(t, status)}</span>
        {' · '}
        <span
          title={
            status.lastSuccessAt === null ? undefined : formatDateTime(status.lastSuccessAt, i18n.language)
          }
        >
          {lastSyncText(t, status, now, i18n.language)}
        </span>
        {status.rejected > 0 && <> · {t('syncStatus.rejected', { count: status.rejected })}</>}
        {status.waiting > 0 && <> · {t('syncStatus.waiting', { count: status.waiting })}</>}
        {status.problems > 0 && <> · {t('syncStatus.problems', { count: status.problems })}</>}
      </p>
      {status.message !== null && <p className="connection-sync-message">{status.message}</p>}
    </div>
  );
}
