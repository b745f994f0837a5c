// The open ticket's changes its ticket system has not settled, oldest first: what (in words), when, and the state in
// words; a refused or conflicting one with what the ticket system said and Retry, Edit (its control again, prefilled)
// and Discard (after a confirmation). Server messages and note text are untrusted and only rendered as React text.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeView, TicketDetail } from '../../../src/api';
import { actionText, canDiscard, canEdit, changeStateText, needsUser } from '../action-words';
import { formatDateTime } from '../format';
import { useActionStore, type ComposerKind } from '../state/action-store';
import { ConfirmDialog } from './ConfirmDialog';

function ChangeItem({ ticket, change }: { ticket: TicketDetail; change: ChangeView }) {
  const { t, i18n } = useTranslation();
  const whatId = useId();
  const error = useActionStore((state) => state.changeErrors[change.seq] ?? null);
  const retry = useActionStore((state) => state.retry);
  const discard = useActionStore((state) => state.discard);
  const open = useActionStore((state) => state.open);
  const [confirming, setConfirming] = useState(false);
  const what = actionText(t, change.action);
  const problem = needsUser(change);
  const text = change.action.kind === 'note' || change.action.kind === 'reply' ? change.action.body : null;

  return (
    <li
      className={problem ? `change change-problem change-${change.state}` : `change change-${change.state}`}
    >
      <div className="change-head">
        <span id={whatId} className="change-what">
          {what}
        </span>
        <time dateTime={new Date(change.createdAt).toISOString()}>
          {formatDateTime(change.createdAt, i18n.language)}
        </time>
        <span className="change-state">{changeStateText(t, change.state)}</span>
      </div>
      {text !== null && <p className="change-body">{text}</p>}
      {change.message !== null && (
        <p className={problem ? 'change-message' : 'change-message muted'}>
          {t(problem ? 'actions.changes.said' : 'actions.changes.waitsBecause', { message: change.message })}
        </p>
      )}
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {(problem || canDiscard(change)) && (
        <div className="change-actions">
          {problem && (
            <button type="button" aria-describedby={whatId} onClick={() => void retry(ticket, change)}>
              {t('actions.changes.retry')}
            </button>
          )}
          {canEdit(change) && (
            <button
              type="button"
              aria-describedby={whatId}
              onClick={() => open(ticket, change.action.kind as ComposerKind, change)}
            >
              {t('actions.changes.edit')}
            </button>
          )}
          {canDiscard(change) && (
            <button type="button" aria-describedby={whatId} onClick={() => setConfirming(true)}>
              {t('actions.changes.discard')}
            </button>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('actions.discard.title')}
        body={t(text === null ? 'actions.discard.body' : 'actions.discard.bodyText', { what })}
        confirmLabel={t('actions.discard.confirm')}
        cancelLabel={t('actions.discard.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void discard(ticket, change);
        }}
      />
    </li>
  );
}

export function ChangeList({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const headingId = useId();
  if (ticket.changes.length === 0) return null;
  return (
    <section className="changes" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('actions.changes.title')}</h3>
      <ol className="change-list">
        {ticket.changes.map((change) => (
          <ChangeItem key={change.seq} ticket={ticket} change={change} />
        ))}
      </ol>
    </section>
  );
}
