// The notes on a ticket, oldest first; public replies and internal notes look clearly different. After them, the
// user's own notes and replies that the ticket system does not have yet, marked in words as not sent (or sent and
// not confirmed). All of it is untrusted text, rendered only as React text.
import { useTranslation } from 'react-i18next';
import type { ChangeView, NoteView } from '../../../src/api';
import { changeStateText } from '../action-words';
import { formatDateTime } from '../format';

interface UnsentNote {
  change: ChangeView;
  body: string;
  isPublic: boolean;
}

/** The user's notes and replies on their way: not refused, not in conflict (those wait in the change list). */
function unsentNotes(changes: ChangeView[]): UnsentNote[] {
  return changes.flatMap((change) => {
    const { action, state } = change;
    if ((action.kind !== 'note' && action.kind !== 'reply') || state === 'rejected' || state === 'conflict')
      return [];
    return [{ change, body: action.body, isPublic: action.kind === 'reply' }];
  });
}

function NoteHead({ isPublic, author, at }: { isPublic: boolean; author: string; at: number }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <span className="note-kind">{isPublic ? t('detail.publicReply') : t('detail.internalNote')}</span>
      <span className="note-author">{author}</span>
      <time dateTime={new Date(at).toISOString()}>{formatDateTime(at, i18n.language)}</time>
    </>
  );
}

export function NoteList({ notes, changes }: { notes: NoteView[]; changes: ChangeView[] }) {
  const { t } = useTranslation();
  const unsent = unsentNotes(changes);
  if (notes.length === 0 && unsent.length === 0) return <p className="muted">{t('detail.noNotes')}</p>;
  return (
    <ol className="notes">
      {notes.map((note) => (
        <li key={note.id} className={note.public ? 'note note-public' : 'note note-internal'}>
          <div className="note-head">
            <NoteHead isPublic={note.public} author={note.author} at={note.createdAt} />
          </div>
          <p className="note-body">{note.body}</p>
        </li>
      ))}
      {unsent.map(({ change, body, isPublic }) => (
        <li
          key={`change-${change.seq}`}
          className={isPublic ? 'note note-public note-unsent' : 'note note-internal note-unsent'}
        >
          <div className="note-head">
            <NoteHead isPublic={isPublic} author={t('actions.you')} at={change.createdAt} />
            <span className="note-unsent-mark">
              {change.state === 'acked' ? changeStateText(t, change.state) : t('actions.notSentYet')}
            </span>
          </div>
          <p className="note-body">{body}</p>
        </li>
      ))}
    </ol>
  );
}
