// One ticket in the queue: priority, SLA countdown, reference and subject (marked in words while the user's changes
// to it are not settled), customer, status, assignee and age.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketSummary } from '../../../src/api';
import { formatAge, formatDateTime } from '../format';
import { DueCell } from './DueCell';
import { PriorityBadge } from './PriorityBadge';

interface QueueRowProps {
  ticket: TicketSummary;
  index: number;
  setSize: number;
  top: number;
  selected: boolean;
  open: boolean;
  now: number;
  onOpen: (id: number) => void;
}

/** Matches `.queue-row { height }` in queue.css. */
export const ROW_HEIGHT = 36;

export function rowElementId(ticketId: number): string {
  return `ticket-${ticketId}`;
}

export const QueueRow = memo(function QueueRow(props: QueueRowProps) {
  const { ticket, selected, open, now } = props;
  const { t, i18n } = useTranslation();
  const classes = ['queue-row', `row-${ticket.priority.toLowerCase()}`, `row-${ticket.status}`];
  if (selected) classes.push('selected');
  if (open) classes.push('open');
  return (
    <div
      role="option"
      id={rowElementId(ticket.id)}
      aria-selected={selected}
      aria-posinset={props.index + 1}
      aria-setsize={props.setSize}
      className={classes.join(' ')}
      style={{ transform: `translateY(${props.top}px)` }}
      onClick={() => props.onOpen(ticket.id)}
    >
      <span className="cell cell-priority">
        <PriorityBadge priority={ticket.priority} />
      </span>
      <DueCell sla={ticket.sla} slaError={ticket.slaError} now={now} />
      <span className="cell cell-subject">
        <span className="ticket-ref">#{ticket.externalId}</span>
        {ticket.kind === 'security' && (
          <span className="kind-tag">
            {ticket.cveId && !ticket.subject.includes(ticket.cveId) ? ticket.cveId : t('kind.security')}
          </span>
        )}
        <span className="subject-text">{ticket.subject}</span>
        {ticket.hasPending && (
          <span className="pending-mark" title={t('queue.pending')}>
            {t('queue.pendingMark')}
          </span>
        )}
      </span>
      <span className="cell cell-customer">{ticket.customerName}</span>
      <span className={`cell cell-status status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
      <span className={ticket.assignee ? 'cell cell-assignee' : 'cell cell-assignee unassigned'}>
        {ticket.assignee ?? t('queue.unassigned')}
      </span>
      <span className="cell cell-age" title={formatDateTime(ticket.createdAt, i18n.language)}>
        <time dateTime={new Date(ticket.createdAt).toISOString()}>
          {formatAge(ticket.createdAt, now, i18n.language)}
        </time>
      </span>
    </div>
  );
});
