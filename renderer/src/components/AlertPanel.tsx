// The P1 alert: while a P1 waits for acknowledgement (and is not snoozed), a labelled region lists each one (subject
// and customer as text, how long it has waited) with Acknowledge, Open and Snooze 5 min. It is part of the page,
// not a modal: it takes the focus only when asked (!), and an assertive live region outside it speaks each P1 that
// appears. In the alert window (?view=alert) it fills the window, without Open: that window has no ticket pane.
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaitingP1 } from '../../../src/api';
import { inBrowser } from '../api';
import { focusQueueList, P1_PANEL_ID, showTicket } from '../keyboard';
import { agoSpan, secondsSince } from '../sla-format';
import { useActiveP1s, useP1Signals } from '../state/attention';
import { useOverviewStore } from '../state/overview-store';
import { useNow } from '../use-now';
import { PriorityBadge } from './PriorityBadge';

interface AlertPanelProps {
  /** Shown in the alert window: the whole page, with its heading at level 1 and no Open. */
  inWindow?: boolean;
}

export function AlertPanel({ inWindow = false }: AlertPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const panel = useRef<HTMLElement>(null);
  const active = useActiveP1s();
  const loaded = useOverviewStore((state) => state.overview !== null);
  const loadError = useOverviewStore((state) => state.loadError);
  // In the app the alert window chimes, so the main window stays quiet; in browser mode the tab is all there is.
  const announcement = useP1Signals(active, {
    sound: inWindow || inBrowser,
    notify: inBrowser && !inWindow,
    onOpen: showTicket,
  });
  const Heading = inWindow ? 'h1' : 'h2';

  /** After Acknowledge or Snooze the P1 leaves the list: the focus goes to the next one, else back to the queue. */
  function keepFocus(): void {
    requestAnimationFrame(() => {
      const focused = document.activeElement;
      if (focused !== null && focused !== document.body && !panel.current?.contains(focused)) return;
      const next = panel.current?.querySelector<HTMLElement>('.p1-actions button');
      if (next) next.focus();
      else if (!inWindow) focusQueueList();
    });
  }

  return (
    <>
      <div className="visually-hidden" role="alert">
        {announcement}
      </div>
      {active.length > 0 ? (
        <section
          ref={panel}
          id={P1_PANEL_ID}
          className={inWindow ? 'p1-panel p1-panel-window' : 'p1-panel'}
          aria-labelledby={headingId}
          aria-keyshortcuts="!"
          tabIndex={-1}
        >
          <Heading id={headingId} className="p1-heading">
            {t('p1.label', { count: active.length })}
          </Heading>
          <ul className="p1-list">
            {active.map((p1) => (
              <P1Item key={p1.id} p1={p1} canOpen={!inWindow} onDone={keepFocus} />
            ))}
          </ul>
        </section>
      ) : (
        inWindow && (loaded || loadError !== null) && <p className="p1-none">{loadError ?? t('p1.none')}</p>
      )}
    </>
  );
}

function P1Item({ p1, canOpen, onDone }: { p1: WaitingP1; canOpen: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const subjectId = useId();
  const now = useNow(1000);
  const busy = useOverviewStore((state) => state.busy.includes(p1.id));
  const error = useOverviewStore((state) => state.errors[p1.id]);
  const acknowledge = useOverviewStore((state) => state.acknowledge);
  const snooze = useOverviewStore((state) => state.snooze);

  /** Busy buttons stay focusable (aria-disabled), so the focus is not lost while the call runs. */
  const run = (action: (id: number) => Promise<void>) => () => {
    if (!busy) void action(p1.id).then(onDone);
  };

  return (
    <li className="p1-item">
      <div className="p1-text">
        <p className="p1-subject">
          <PriorityBadge priority="P1" /> <span id={subjectId}>{p1.subject}</span>
        </p>
        <p className="p1-meta">
          {p1.customerName} · #{p1.externalId} ·{' '}
          <time dateTime={new Date(p1.createdAt).toISOString()}>
            {t('p1.waiting', { time: agoSpan(t, secondsSince(p1.createdAt, now)) })}
          </time>
        </p>
      </div>
      <div className="p1-actions" role="group" aria-labelledby={subjectId}>
        <button type="button" className="p1-ack" aria-disabled={busy} onClick={run(acknowledge)}>
          {t('p1.ack')}
        </button>
        {canOpen && (
          <button type="button" onClick={() => showTicket(p1.id)}>
            {t('p1.open')}
          </button>
        )}
        <button type="button" aria-disabled={busy} title={t('p1.snoozeTitle')} onClick={run(snooze)}>
          {t('p1.snooze')}
        </button>
      </div>
      {error !== undefined && (
        <p className="p1-error" role="alert">
          {t('p1.failed', { message: error })}
        </p>
      )}
    </li>
  );
}
