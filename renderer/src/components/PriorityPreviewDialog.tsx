// Before a priority change is recorded: each SLA clock's deadline now and after the change (in the calendar's zone,
// and the user's), with the clocks the change would breach at once named first. Confirm records it; Cancel or Esc
// goes back to the choice. A refusal shows in the dialog, which stays open.
import type { TFunction } from 'i18next';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClockBrief, TicketDetail } from '../../../src/api';
import type { SlaTarget } from '../../../src/sla/clock-types';
import { formatDeadline, formatZonedDeadline, workSpan } from '../sla-format';
import { liveState } from '../sla-live';
import { useActionStore } from '../state/action-store';
import { Dialog } from './Dialog';

function isBreached(brief: ClockBrief): boolean {
  return liveState(brief, brief.computedAt) === 'breached';
}

function ClockCell({ brief, zone }: { brief: ClockBrief | undefined; zone: string | null }) {
  const { t, i18n } = useTranslation();
  if (!brief) return <span className="muted">{t('actions.preview.noClock')}</span>;
  const when = (instant: number) =>
    zone === null
      ? formatDeadline(instant, i18n.language)
      : formatZonedDeadline(t, instant, i18n.language, zone);
  const state = liveState(brief, brief.computedAt);
  switch (state) {
    case 'met':
    case 'stopped':
      return <span>{t(`sla.state.${state}`)}</span>;
    case 'paused':
      return (
        <span>
          {t('sla.state.paused')}, {t('sla.detail.left', { time: workSpan(t, brief.remainingSeconds) })}
        </span>
      );
    case 'breached':
      return (
        <span className="preview-breached">
          <strong>{t('sla.state.breached')}</strong> ·{' '}
          {t('actions.preview.wasDue', { when: when(brief.dueAt) })}
        </span>
      );
    case 'running':
      return (
        <span>
          {when(brief.dueAt)}
          <span className="muted">
            {' '}
            · {t('actions.preview.budget', { time: workSpan(t, brief.budgetSeconds) })}
          </span>
        </span>
      );
  }
}

function targetsOf(before: ClockBrief[], after: ClockBrief[]): SlaTarget[] {
  const targets: SlaTarget[] = [];
  for (const brief of [...before, ...after]) if (!targets.includes(brief.target)) targets.push(brief.target);
  return targets;
}

function summaryText(t: TFunction, before: ClockBrief[], after: ClockBrief[]): string {
  if (before.length === 0 && after.length === 0) return t('actions.preview.noClocks');
  const breaches = after
    .filter(
      (brief) => isBreached(brief) && !before.some((old) => old.target === brief.target && isBreached(old)),
    )
    .map((brief) => t(`sla.targetInline.${brief.target}`));
  if (breaches.length === 0) return t('actions.preview.intro');
  return `${t('actions.preview.intro')} ${t('actions.preview.breachesAtOnce', { targets: breaches.join(', '), count: breaches.length })}`;
}

export function PriorityPreviewDialog({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const titleId = useId();
  const summaryId = useId();
  const state = useActionStore((store) => (store.preview?.ticketId === ticket.id ? store.preview : null));
  const busy = useActionStore((store) => store.busy);
  const confirm = useActionStore((store) => store.confirmPriority);
  const cancel = useActionStore((store) => store.cancelPreview);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const shown = state !== null;
  // After the dialog opened (its effect runs first): Enter confirms what the user has just read.
  useEffect(() => {
    if (shown) confirmButton.current?.focus();
  }, [shown]);
  const zoneOf = (target: SlaTarget): string | null =>
    ticket.clocks.find((clock) => clock.target === target)?.timeZone ?? null;

  return (
    <Dialog
      open={state !== null}
      onDismiss={cancel}
      labelledBy={titleId}
      describedBy={summaryId}
      className="dialog-priority"
    >
      {state !== null && (
        <>
          <h2 id={titleId}>
            {t('actions.preview.title', {
              ref: ticket.externalId,
              from: state.preview.from,
              to: state.preview.to,
            })}
          </h2>
          <p id={summaryId}>{summaryText(t, state.preview.before, state.preview.after)}</p>
          {targetsOf(state.preview.before, state.preview.after).length > 0 && (
            <table className="preview-table">
              <thead>
                <tr>
                  <th scope="col">{t('actions.preview.clock')}</th>
                  <th scope="col">{t('actions.preview.now', { priority: state.preview.from })}</th>
                  <th scope="col">{t('actions.preview.after', { priority: state.preview.to })}</th>
                </tr>
              </thead>
              <tbody>
                {targetsOf(state.preview.before, state.preview.after).map((target) => (
                  <tr key={target}>
                    <th scope="row">{t(`sla.target.${target}`)}</th>
                    <td>
                      <ClockCell
                        brief={state.preview.before.find((brief) => brief.target === target)}
                        zone={zoneOf(target)}
                      />
                    </td>
                    <td>
                      <ClockCell
                        brief={state.preview.after.find((brief) => brief.target === target)}
                        zone={zoneOf(target)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {state.error !== null && (
            <p className="form-error" role="alert">
              {state.error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={cancel}>
              {t('actions.preview.cancel')}
            </button>
            <button
              type="button"
              className="button-primary"
              ref={confirmButton}
              aria-busy={busy || undefined}
              onClick={() => void confirm()}
            >
              {t('actions.preview.confirm', { priority: state.preview.to })}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
