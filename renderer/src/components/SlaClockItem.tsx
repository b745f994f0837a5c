// One SLA clock in the ticket pane: state badge, live countdown or overdue time, deadline in the calendar's
// zone (and the user's), budget, elapsed, breach, met and stopped instants, whether it is an estimate, and its
// timeline.
import { useTranslation } from 'react-i18next';
import type { SlaClock } from '../../../src/sla/clock-types';
import { liveState, remainingNow, usedFraction, warnLevel } from '../sla-live';
import { exactSpan, formatZonedDeadline, secondsSince, secondsUntil, workSpan } from '../sla-format';
import { ClockTimeline } from './ClockTimeline';

export function SlaClockItem({ clock, now }: { clock: SlaClock; now: number }) {
  const { t, i18n } = useTranslation();
  // A clock met after its deadline stays 'breached' in the core; here it reads as met, late.
  const facts = { ...clock, state: clock.metAt !== null ? 'met' : clock.state } as const;
  const state = liveState(facts, now);
  const level = warnLevel(facts, now);
  const zoned = (instant: number) => formatZonedDeadline(t, instant, i18n.language, clock.timeZone);
  const metLate = state === 'met' && clock.breachedAt !== null;
  // Solved before it was met: no longer measured, but a breach before that still shows as one.
  const stoppedLate = state === 'stopped' && clock.breachedAt !== null;
  const elapsed = state === 'met' ? clock.elapsedSeconds : clock.budgetSeconds - remainingNow(facts, now);

  let live: string | null = null;
  if (state === 'running') live = t('sla.due.in', { time: exactSpan(t, secondsUntil(clock.dueAt, now)) });
  else if (state === 'breached')
    live = t('sla.detail.overdue', { time: exactSpan(t, secondsSince(clock.dueAt, now)) });
  else if (state === 'paused') live = t('sla.detail.left', { time: workSpan(t, clock.remainingSeconds) });

  return (
    <li className={`sla-clock clock-${state} clock-${level}`} aria-label={t(`sla.target.${clock.target}`)}>
      <div className="clock-head">
        <span className="clock-name">{t(`sla.target.${clock.target}`)}</span>
        <span className={`clock-badge badge-${metLate ? 'met-late' : stoppedLate ? 'breached' : state}`}>
          {metLate
            ? t('sla.state.metLate')
            : stoppedLate
              ? t('sla.state.stoppedLate')
              : t(`sla.state.${state}`)}
        </span>
        {clock.approximate && (
          <span className="clock-badge badge-approximate">{t('sla.approximate.badge')}</span>
        )}
        {live !== null && <span className="clock-live">{live}</span>}
      </div>
      <dl className="clock-facts">
        <dt>{state === 'met' || state === 'stopped' ? t('sla.detail.wasDue') : t('sla.detail.due')}</dt>
        <dd>
          {zoned(clock.dueAt)}
          {state === 'paused' && <span className="muted"> {t('sla.detail.ifResumed')}</span>}
        </dd>
        <dt>{t('sla.detail.budget')}</dt>
        <dd>{workSpan(t, clock.budgetSeconds)}</dd>
        <dt>{t('sla.detail.elapsed')}</dt>
        <dd>
          {t('sla.detail.elapsedValue', {
            time: workSpan(t, elapsed),
            percent: Math.round(usedFraction(facts, now) * 100),
          })}
        </dd>
        {clock.breachedAt !== null && (
          <>
            <dt>{t('sla.detail.breachedAt')}</dt>
            <dd className="clock-breached-at">{zoned(clock.breachedAt)}</dd>
          </>
        )}
        {clock.metAt !== null && (
          <>
            <dt>{t('sla.detail.metAt')}</dt>
            <dd>{zoned(clock.metAt)}</dd>
          </>
        )}
        {clock.stoppedAt !== null && (
          <>
            <dt>{t('sla.detail.stoppedAt')}</dt>
            <dd>
              {zoned(clock.stoppedAt)} <span className="muted">{t('sla.detail.stoppedWhy')}</span>
            </dd>
          </>
        )}
        {clock.approximate && (
          <>
            <dt>{t('sla.approximate.badge')}</dt>
            <dd className="clock-approximate">{t('sla.approximate.why')}</dd>
          </>
        )}
      </dl>
      <ClockTimeline clock={clock} now={now} />
    </li>
  );
}
