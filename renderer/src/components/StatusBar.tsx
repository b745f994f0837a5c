// Bottom bar (the contentinfo landmark): sync state and when the last sync finished, "Sync now", the buttons that
// open the connections, the notifications (marked when something stops alerts from reaching the person) and the
// shortcut sheet, and the version.
import { useTranslation } from 'react-i18next';
import { formatAge, formatDateTime } from '../format';
import { useAppStore } from '../state/app-store';
import { useConnectionsStore } from '../state/connections-store';
import { useHealthStore } from '../state/health-store';
import { useNow } from '../use-now';

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const sync = useAppStore((state) => state.sync);
  const version = useAppStore((state) => state.info?.version);
  const syncNow = useAppStore((state) => state.syncNow);
  const openShortcuts = useAppStore((state) => state.setShortcutsOpen);
  const openConnections = useConnectionsStore((state) => state.openDialog);
  const openHealth = useHealthStore((state) => state.openDialog);
  const healthProblem = useHealthStore((state) => state.health?.problem ?? null);
  const now = useNow();

  const state = sync?.state ?? 'idle';
  const label =
    state === 'syncing'
      ? t('sync.syncing')
      : state === 'error'
        ? t('sync.error', { message: sync?.message ?? '' })
        : t('sync.idle');
  const lastSyncAt = sync?.lastSyncAt ?? null;

  return (
    <footer className="status-bar">
      <span className={`sync-state sync-${state}`}>{label}</span>
      <span
        className="last-synced"
        title={lastSyncAt === null ? undefined : formatDateTime(lastSyncAt, i18n.language)}
      >
        {lastSyncAt === null
          ? t('sync.neverSynced')
          : t('sync.lastSynced', { when: formatAge(lastSyncAt, now, i18n.language) })}
      </span>
      <button
        type="button"
        className="button-quiet"
        disabled={state === 'syncing'}
        onClick={() => void syncNow()}
      >
        {t('sync.syncNow')}
      </button>
      <button type="button" className="button-quiet" aria-keyshortcuts="Shift+C" onClick={openConnections}>
        {t('header.connections')}
      </button>
      <button
        type="button"
        className={
          healthProblem !== null ? 'button-quiet health-button broken' : 'button-quiet health-button'
        }
        title={healthProblem ?? t('health.shortcutTitle')}
        aria-keyshortcuts="Shift+N"
        onClick={openHealth}
      >
        {healthProblem !== null && <span aria-hidden="true">⚠ </span>}
        {t('header.notifications')}
        {healthProblem !== null && <span className="visually-hidden"> {t('health.problemMark')}</span>}
      </button>
      <button
        type="button"
        className="button-quiet shortcut-hint"
        aria-keyshortcuts="?"
        onClick={() => openShortcuts(true)}
      >
        {t('shortcuts.button')}
      </button>
      {version && <span className="version">{t('version', { version })}</span>}
    </footer>
  );
}
