// The ticket pane's SLA section: the policy that applies and every clock, counting down live (one shared tick), or
// why the ticket's SLA could not be computed.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../src/api';
import { useNow } from '../use-now';
import { SlaClockItem } from './SlaClockItem';

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
        <ul className="sla-clocks">
          {ticket.clocks.map((clock) => (
            <SlaClockItem key={clock.target} clock={clock} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
