// The box for an internal note or a public reply (new, or editing a refused one): Ctrl+Enter (⌘+Enter) sends, Esc
// closes. The text lives in the action store until it is recorded, so neither Esc nor an error loses it: a refusal
// shows next to the box, with the text still in it.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../src/api';
import { draftKey, useActionStore, type Composer } from '../state/action-store';
import { ComposerFooter } from './ComposerFooter';

export function NoteComposer({ ticket, composer }: { ticket: TicketDetail; composer: Composer }) {
  const { t } = useTranslation();
  const ids = { box: useId(), hint: useId(), error: useId() };
  const kind = composer.kind === 'reply' ? 'reply' : 'note';
  const draft = useActionStore((state) => state.drafts[draftKey(composer)] ?? '');
  const error = useActionStore((state) => state.composerError);
  const busy = useActionStore((state) => state.busy);
  const setDraft = useActionStore((state) => state.setDraft);
  const submit = useActionStore((state) => state.submit);
  const close = useActionStore((state) => state.close);
  const box = useRef<HTMLTextAreaElement>(null);
  const editing = composer.seq !== null;

  // Opened by its button or shortcut, or to edit a refused one: the caret goes to the end of what is there.
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, [composer.kind, composer.seq]);

  return (
    <form
      className={`composer composer-${kind}`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit(ticket);
      }}
    >
      <label htmlFor={ids.box} className="composer-label">
        {t(editing ? `actions.composer.${kind}Edit` : `actions.composer.${kind}`)}
      </label>
      <textarea
        ref={box}
        id={ids.box}
        value={draft}
        rows={5}
        readOnly={busy}
        aria-invalid={error !== null || undefined}
        aria-describedby={[ids.hint, error === null ? null : ids.error].filter(Boolean).join(' ')}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void submit(ticket);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            close();
          }
        }}
      />
      <ComposerFooter
        ids={ids}
        hint={t('actions.composer.keys')}
        error={error}
        sendLabel={t(editing ? 'actions.composer.saveEdit' : `actions.composer.${kind}Send`)}
        busy={busy}
        onCancel={close}
      />
    </form>
  );
}
