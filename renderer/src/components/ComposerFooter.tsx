// The foot of a ticket-action composer (note, reply, status, priority): its hint, the error in place, and the send
// and cancel buttons.
import { useTranslation } from 'react-i18next';

export interface ComposerFooterProps {
  ids: { hint: string; error: string };
  hint: string;
  error: string | null;
  sendLabel: string;
  sendDisabled?: boolean;
  busy: boolean;
  onCancel: () => void;
}

export function ComposerFooter(props: ComposerFooterProps) {
  const { t } = useTranslation();
  const { ids, error, busy } = props;
  return (
    <>
      <p id={ids.hint} className="form-hint">
        {props.hint}
      </p>
      {error !== null && (
        <p id={ids.error} className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="composer-actions">
        <button type="submit" disabled={props.sendDisabled} aria-busy={busy || undefined}>
          {props.sendLabel}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('actions.composer.cancel')}
        </button>
      </div>
    </>
  );
}
