// The status or priority choice (new, or editing a refused change): radio buttons with the current value disabled.
// Arrow keys choose, Enter on a choice takes it, Esc closes. A status is set at once; a priority first shows its SLA
// effect (PriorityPreviewDialog) and is set when that is confirmed.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../src/api';
import { PRIORITIES, TICKET_STATUSES, type Priority, type TicketStatus } from '../../../src/domain/ticket';
import { useActionStore, type Composer } from '../state/action-store';
import { ComposerFooter } from './ComposerFooter';

export function ChoiceComposer({ ticket, composer }: { ticket: TicketDetail; composer: Composer }) {
  const { t } = useTranslation();
  const ids = { hint: useId(), error: useId() };
  const error = useActionStore((state) => state.composerError);
  const busy = useActionStore((state) => state.busy);
  const setChoice = useActionStore((state) => state.setChoice);
  const submit = useActionStore((state) => state.submit);
  const close = useActionStore((state) => state.close);
  const group = useRef<HTMLFieldSetElement>(null);
  const kind = composer.kind === 'priority' ? 'priority' : 'status';
  const options: ReadonlyArray<TicketStatus | Priority> = kind === 'priority' ? PRIORITIES : TICKET_STATUSES;
  const current = kind === 'priority' ? ticket.priority : ticket.status;
  const editing = composer.seq !== null;

  // The focus goes to the choice made (editing a change) or else to the first one offered.
  useEffect(() => {
    const choices = group.current;
    const first =
      choices?.querySelector<HTMLInputElement>('input:checked') ??
      choices?.querySelector<HTMLInputElement>('input:not(:disabled)');
    first?.focus();
  }, [composer.kind, composer.seq]);

  const label = (option: TicketStatus | Priority): string =>
    kind === 'priority' ? t(`priority.${option as Priority}`) : t(`status.${option as TicketStatus}`);

  return (
    <form
      className={`composer composer-${kind}`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit(ticket);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close();
        } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
          event.preventDefault();
          if (event.target.disabled) return;
          setChoice(event.target.value as TicketStatus | Priority);
          void submit(ticket);
        }
      }}
    >
      <fieldset
        ref={group}
        className="choice-group"
        aria-describedby={[ids.hint, error === null ? null : ids.error].filter(Boolean).join(' ')}
      >
        <legend className="composer-label">
          {t(editing ? `actions.composer.${kind}Edit` : `actions.composer.${kind}`)}
        </legend>
        {options.map((option) => (
          <label key={option} className="radio">
            <input
              type="radio"
              name={`choice-${kind}-${ticket.id}`}
              value={option}
              checked={composer.choice === option}
              disabled={option === current}
              onChange={() => setChoice(option)}
            />
            {label(option)}
            {option === current && <span className="muted"> ({t('actions.composer.current')})</span>}
          </label>
        ))}
      </fieldset>
      <ComposerFooter
        ids={ids}
        hint={t(`actions.composer.${kind}Hint`)}
        error={error}
        sendLabel={t(`actions.composer.${kind}Send`)}
        sendDisabled={composer.choice === null}
        busy={busy}
        onCancel={close}
      />
    </form>
  );
}
