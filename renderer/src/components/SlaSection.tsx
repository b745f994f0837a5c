// The ticket pane's SLA section: the policy that applies and every clock, counting down live (one shared tick), or
// why the ticket's SLA could not be computed. A polite live region says the nearest deadline in calm steps, so a
// screen reader hears it change every few minutes (each minute in the last half hour), not every second.
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../src/api';
import type { SlaClock } from '../../../src/sla/clock-types';
import { agoSpan, secondsUntil } from '../sla-format';
import { calmSeconds, liveState } from '../sla-live';
import { useNow } from '../use-now';
import { SlaClockItem } from './SlaClockItem';

/** The nearest deadline of a clock still running (breached or not), in calm steps; '' when none runs. */
function spokenDeadline(t: TFunction, clocks: SlaClock[], now: number): string {
  let next: SlaClock | null = null;
  for (const clock of clocks) {
    const running = clock.metAt === null && (clock.state === 'running' || clock.state === 'breached');
    if (running && (next === null || clock.dueAt < next.dueAt)) next = clock;
  }
  if (next === null) return '';
  const target = t(`sla.target.${next.target}`);
  if (liveState(next, now) === 'breached') return t('sla.live.breached', { target });
  return t('sla.live.running', { target, time: agoSpan(t, calmSeconds(secondsUntil(next.dueAt, now))) });
}

export function SlaSection({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const headingId = useId();
  const now = useNow(1000);
  return (
    <section className="sla" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('sla.title')}</h3>
      <p className="sla-policy">
        <span className="muted">{t('sla.policy')}</span>{' '}
        {ticket.policyName ?? <span className="muted">{t('sla.noPolicy')}</span>}
      </p>
      {ticket.slaError !== null ? (
        <p className="sla-unavailable">
          <strong>{t('sla.unavailable')}</strong>{' '}
          <span className="muted">{t('sla.unavailableReason', { reason: ticket.slaError })}</span>
        </p>
      ) : ticket.clocks.length === 0 ? (
        <p className="muted">{t('sla.noClocks')}</p>
      ) : (
        <>
          <ul className="sla-clocks">
            {ticket.clocks.map((clock) => (
              <SlaClockItem key={clock.target} clock={clock} now={now} />
            ))}
          </ul>
          <p className="visually-hidden" role="status">
            {spokenDeadline(t, ticket.clocks, now)}
          </p>
        </>
      )}
    </section>
  );
}
