// The detail pane (the complementary landmark beside the queue) for the open ticket: its action bar, its changes not
// yet settled (marked pending in words), then SLA clocks first. Ticket and customer text is untrusted and only ever
// rendered as React text. Opened from the P1 alert or a notification, the ticket's title takes the focus.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail as Ticket } from '../../../src/api';
import { formatDateTime } from '../format';
import { focusQueueList } from '../keyboard';
import { useDetailStore } from '../state/detail-store';
import { ChangeList } from './ChangeList';
import { ContactLine } from './ContactLine';
import { NoteList } from './NoteList';
import { PriorityBadge } from './PriorityBadge';
import { SlaSection } from './SlaSection';
import { TicketActions } from './TicketActions';

function Instant({ value }: { value: number | null }) {
  const { t, i18n } = useTranslation();
  if (value === null) return <span className="muted">{t('detail.never')}</span>;
  return <time dateTime={new Date(value).toISOString()}>{formatDateTime(value, i18n.language)}</time>;
}

function TicketFacts({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { customer } = ticket;
  return (
    <dl className="facts">
      <dt>{t('detail.customer')}</dt>
      <dd>{customer.name}</dd>
      {customer.tam && (
        <>
          <dt>{t('detail.tam')}</dt>
          <dd>
            <ContactLine person={customer.tam} />
          </dd>
        </>
      )}
      {customer.leadEngineer && (
        <>
          <dt>{t('detail.lead')}</dt>
          <dd>
            <ContactLine person={customer.leadEngineer} />
          </dd>
        </>
      )}
      {customer.uptimePromise && (
        <>
          <dt>{t('detail.uptime')}</dt>
          <dd>{customer.uptimePromise}</dd>
        </>
      )}
      <dt>{t('detail.assignee')}</dt>
      <dd>{ticket.assignee ?? <span className="muted">{t('queue.unassigned')}</span>}</dd>
      <dt>{t('detail.created')}</dt>
      <dd>
        <Instant value={ticket.createdAt} />
      </dd>
      <dt>{t('detail.firstResponse')}</dt>
      <dd>
        <Instant value={ticket.firstResponseAt} />
      </dd>
      {ticket.resolvedAt !== null && (
        <>
          <dt>{t('detail.resolved')}</dt>
          <dd>
            <Instant value={ticket.resolvedAt} />
          </dd>
        </>
      )}
      <dt>{t('detail.updated')}</dt>
      <dd>
        <Instant value={ticket.updatedAt} />
      </dd>
    </dl>
  );
}

export function TicketDetail() {
  const { t } = useTranslation();
  const ticket = useDetailStore((state) => state.ticket);
  const loading = useDetailStore((state) => state.loading);
  const error = useDetailStore((state) => state.error);
  const close = useDetailStore((state) => state.close);
  const focusId = useDetailStore((state) => state.focusId);
  const focused = useDetailStore((state) => state.focused);
  const title = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (ticket === null || ticket.id !== focusId) return;
    title.current?.focus();
    focused();
  }, [ticket, focusId, focused]);

  const onClose = () => {
    close();
    focusQueueList();
  };

  return (
    <aside className="detail-pane" aria-label={t('detail.label')}>
      <button
        type="button"
        className="detail-close button-quiet"
        onClick={onClose}
        aria-label={t('detail.close')}
      >
        ✕
      </button>
      {error !== null && (
        <p className="detail-error" role="alert">
          {error}
        </p>
      )}
      {loading && ticket === null && (
        <p className="muted" role="status">
          {t('detail.loading')}
        </p>
      )}
      {ticket && (
        <article className="ticket">
          <header className="ticket-header">
            <PriorityBadge priority={ticket.priority} />
            <h2 ref={title} className="ticket-subject" tabIndex={-1}>
              {ticket.subject}
            </h2>
          </header>
          <p className="ticket-meta">
            <span>#{ticket.externalId}</span>
            <span>{t(`kind.${ticket.kind}`)}</span>
            {ticket.cveId && <span>{ticket.cveId}</span>}
            {ticket.severity && (
              <span>
                {t('detail.severity')}: {ticket.severity}
              </span>
            )}
            <span className={`status-chip status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
            <span>{ticket.source}</span>
            {ticket.hasPending && (
              <span className="pending-chip">
                {t('actions.pendingChip', { count: ticket.changes.length })}
              </span>
            )}
          </p>
          <TicketActions ticket={ticket} />
          <ChangeList ticket={ticket} />
          <SlaSection ticket={ticket} />
          <TicketFacts ticket={ticket} />
          <h3>{t('detail.description')}</h3>
          {ticket.description.trim() === '' ? (
            <p className="muted">{t('detail.noDescription')}</p>
          ) : (
            <p className="description">{ticket.description}</p>
          )}
          <h3>{t('detail.notes')}</h3>
          <NoteList notes={ticket.notes} changes={ticket.changes} />
        </article>
      )}
    </aside>
  );
}
