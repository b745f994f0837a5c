// The notes on a ticket, oldest first; public replies and internal notes look clearly different.
import { useTranslation } from 'react-i18next';
import type { NoteView } from '../../../src/api';
import { formatDateTime } from '../format';

export function NoteList({ notes }: { notes: NoteView[] }) {
  const { t, i18n } = useTranslation();
  if (notes.length === 0) return <p className="muted">{t('detail.noNotes')}</p>;
  return (
    <ol className="notes">
      {notes.map((note) => (
        <li key={note.id} className={note.public ? 'note note-public' : 'note note-internal'}>
          <div className="note-head">
            <span className="note-kind">
              {note.public ? t('detail.publicReply') : t('detail.internalNote')}
            </span>
            <span className="note-author">{note.author}</span>
            <time dateTime={new Date(note.createdAt).toISOString()}>
              {formatDateTime(note.createdAt, i18n.language)}
            </time>
          </div>
          <p className="note-body">{note.body}</p>
        </li>
      ))}
    </ol>
  );
}
