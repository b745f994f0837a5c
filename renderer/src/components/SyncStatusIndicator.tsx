// The header's sync status: one button that says online, offline or that syncing has a problem, with the count of
// the user's changes waiting to be sent and of those refused (or in conflict) that wait for the user; it discloses
// each connection's state, last successful sync, changes and last error in words. A visually hidden live region
// speaks only when that overall state changes or another change is refused, never at every sync round.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../src/api';
import { useAppStore } from '../state/app-store';
import { useConnectionsStore } from '../state/connections-store';
import type { ConnectionState } from '../ws-transport';
import { ConnectionSyncLine } from './ConnectionSyncLine';
import '../styles/connections.css';

type Overall = 'online' | 'offline' | 'problem';

function overallState(sync: SyncStatus | null, connection: ConnectionState): Overall {
  if (connection === 'lost' || connection === 'unreachable') return 'offline';
  const states = sync?.connections.map((c) => c.state) ?? [];
  if (states.includes('offline')) return 'offline';
  if (
    states.includes('error') ||
    states.includes('stopped') ||
    (sync?.connections ?? []).some((c) => c.rejected > 0)
  )
    return 'problem';
  return 'online';
}

/** The user's changes over every connection: waiting to be sent (or confirmed), and refused or in conflict. */
function changeCounts(sync: SyncStatus | null): { waiting: number; problems: number } {
  let waiting = 0;
  let problems = 0;
  for (const connection of sync?.connections ?? []) {
    waiting += connection.waiting;
    problems += connection.problems;
  }
  return { waiting, problems };
}

export function SyncStatusIndicator() {
  const { t } = useTranslation();
  const panelId = useId();
  const sync = useAppStore((state) => state.sync);
  const connection = useAppStore((state) => state.connection);
  const syncNow = useAppStore((state) => state.syncNow);
  const openConnections = useConnectionsStore((state) => state.openDialog);
  const [expanded, setExpanded] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const overall = overallState(sync, connection);
  const { waiting, problems } = changeCounts(sync);
  const summary = [
    t(`syncStatus.overall.${overall}`),
    waiting > 0 ? t('syncStatus.waiting', { count: waiting }) : null,
    problems > 0 ? t('syncStatus.problems', { count: problems }) : null,
  ]
    .filter((part) => part !== null)
    .join(' · ');
  const lastError = sync?.connections.find((c) => c.message !== null)?.message ?? null;

  // Spoken once per change of the overall state, and when more changes are refused than before; not at the first
  // render and not for each round.
  const [spoken, setSpoken] = useState('');
  const previous = useRef<{ overall: Overall; problems: number } | null>(null);
  useEffect(() => {
    if (sync === null) return;
    const before = previous.current;
    if (before !== null && before.overall !== overall) setSpoken(t(`syncStatus.announce.${overall}`));
    else if (before !== null && problems > before.problems)
      setSpoken(t('syncStatus.announce.refused', { count: problems }));
    previous.current = { overall, problems };
  }, [overall, problems, sync, t]);

  useEffect(() => {
    if (!expanded) return;
    function onPointerDown(event: PointerEvent): void {
      if (!wrapper.current?.contains(event.target as Node)) setExpanded(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [expanded]);

  return (
    <div
      ref={wrapper}
      className="sync-indicator"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !expanded) return;
        event.preventDefault();
        setExpanded(false);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        className={`sync-indicator-button sync-overall-${overall}`}
        aria-expanded={expanded}
        aria-controls={expanded ? panelId : undefined}
        title={lastError ?? undefined}
        onClick={() => setExpanded(!expanded)}
      >
        <span className="visually-hidden">{t('syncStatus.label')}: </span>
        {summary}
      </button>
      <span className="visually-hidden" role="status">
        {spoken}
      </span>
      {expanded && (
        <div id={panelId} className="sync-panel">
          {(sync?.connections ?? []).length === 0 ? (
            <p className="muted">{t('syncStatus.noConnections')}</p>
          ) : (
            <ul className="sync-panel-list">
              {sync?.connections.map((status) => (
                <li key={status.source}>
                  <strong>{status.label}</strong>
                  <ConnectionSyncLine source={status.source} />
                </li>
              ))}
            </ul>
          )}
          <p>{t('syncStatus.waiting', { count: waiting })}</p>
          {problems > 0 && (
            <p className="sync-panel-problems">{t('syncStatus.problemsHint', { count: problems })}</p>
          )}
          <div className="sync-panel-actions">
            <button type="button" disabled={sync?.state === 'syncing'} onClick={() => void syncNow()}>
              {t('sync.syncNow')}
            </button>
            <button
              type="button"
              onClick={() => {
                // The dialog gives the focus back to what had it: the indicator, not this button it hides.
                button.current?.focus();
                setExpanded(false);
                openConnections();
              }}
            >
              {t('syncStatus.manage')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
