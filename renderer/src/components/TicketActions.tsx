// The open ticket's action bar: Acknowledge (a), Assign to me (m), Status (s), Priority (p), Resolve (Shift+R),
// Internal note (i) and Public reply (r). An action that does not apply stays focusable (aria-disabled) and says why
// when pressed; below the bar sits the open control (note or reply box, status or priority choice), the bar's
// error in place, and a polite line that says what was recorded.
import type { TFunction } from 'i18next';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../src/api';
import type { ActionKind } from '../../../src/domain/action';
import { actionText, unavailableReason } from '../action-words';
import { ACTION_SHORTCUTS } from '../keyboard';
import { useActionStore, type ComposerKind, type Outcome } from '../state/action-store';
import { useAppStore } from '../state/app-store';
import { ChoiceComposer } from './ChoiceComposer';
import { NoteComposer } from './NoteComposer';
import { PriorityPreviewDialog } from './PriorityPreviewDialog';
import '../styles/actions.css';

/** The bar's buttons in order; each carries its shortcut (keyboard.ts). */
const ACTION_ORDER: readonly ActionKind[] = [
  'ack',
  'assign',
  'status',
  'priority',
  'resolve',
  'note',
  'reply',
];

function isComposer(kind: ActionKind): kind is ComposerKind {
  return kind === 'note' || kind === 'reply' || kind === 'status' || kind === 'priority';
}

function outcomeText(t: TFunction, outcome: Outcome): string {
  if (outcome.kind === 'unavailable') {
    return t('actions.unavailable.line', {
      action: t(`actions.button.${outcome.action}`),
      reason: t(`actions.unavailable.${outcome.reason}`),
    });
  }
  return t(`actions.outcome.${outcome.kind}`, { action: actionText(t, outcome.action) });
}

export function TicketActions({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const barLabelId = useId();
  const composerId = useId();
  const me = useAppStore((state) => state.settings?.me ?? null);
  const composer = useActionStore((state) =>
    state.composer?.ticketId === ticket.id ? state.composer : null,
  );
  const barError = useActionStore((state) =>
    state.barError?.ticketId === ticket.id ? state.barError.message : null,
  );
  const outcome = useActionStore((state) => (state.outcome?.ticketId === ticket.id ? state.outcome : null));
  const focusReturn = useActionStore((state) => state.focusReturn);
  const start = useActionStore((state) => state.start);
  const close = useActionStore((state) => state.close);
  const focusReturned = useActionStore((state) => state.focusReturned);
  const bar = useRef<HTMLDivElement>(null);

  // A control that closed (sent, cancelled) or a change that went took the focus with it: it comes back to the bar
  // (never taken from where the user has put it meanwhile).
  useEffect(() => {
    if (focusReturn === null) return;
    focusReturned();
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    const target =
      focusReturn === 'bar'
        ? bar.current
        : bar.current?.querySelector<HTMLElement>(`[data-action="${focusReturn}"]`);
    target?.focus();
  }, [focusReturn, focusReturned]);

  return (
    <section className="ticket-actions" aria-labelledby={barLabelId}>
      <h3 id={barLabelId} className="visually-hidden">
        {t('actions.label')}
      </h3>
      <div ref={bar} className="action-bar" role="group" aria-labelledby={barLabelId} tabIndex={-1}>
        {ACTION_ORDER.map((kind) => {
          const keys = ACTION_SHORTCUTS[kind];
          const reason = unavailableReason(ticket, kind, me);
          const label = t(`actions.button.${kind}`);
          const expanded = isComposer(kind) ? composer?.kind === kind : undefined;
          return (
            <button
              key={kind}
              type="button"
              data-action={kind}
              className={expanded ? 'action-button expanded' : 'action-button'}
              aria-keyshortcuts={keys}
              aria-disabled={reason !== null || undefined}
              aria-expanded={expanded}
              aria-controls={expanded ? composerId : undefined}
              title={
                reason === null
                  ? t('actions.buttonTitle', { action: label, keys })
                  : t('actions.unavailable.line', {
                      action: label,
                      reason: t(`actions.unavailable.${reason}`),
                    })
              }
              onClick={() => (expanded ? close() : start(ticket, kind))}
            >
              {label}
            </button>
          );
        })}
      </div>
      {barError !== null && (
        <p className="form-error action-error" role="alert">
          {barError}
        </p>
      )}
      <p className="action-outcome" role="status">
        {outcome === null ? '' : outcomeText(t, outcome)}
      </p>
      {composer !== null && (
        <div id={composerId}>
          {composer.kind === 'note' || composer.kind === 'reply' ? (
            <NoteComposer ticket={ticket} composer={composer} />
          ) : (
            <ChoiceComposer ticket={ticket} composer={composer} />
          )}
        </div>
      )}
      <PriorityPreviewDialog ticket={ticket} />
    </section>
  );
}
