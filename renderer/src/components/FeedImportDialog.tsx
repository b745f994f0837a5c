// "Import a calendar feed": a web address (https:// or webcal://) or an absolute file path, and an optional name
// (else the feed's own, or its file's). The core reads it at once and keeps its text for offline use; what it
// refuses (an unreachable address, a file that is no calendar, a name taken) is shown in the form.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleImport } from '../../../src/api';
import { useRotationStore } from '../state/rotation-store';
import { Dialog } from './Dialog';

interface FeedImportDialogProps {
  open: boolean;
  onClose: () => void;
  onImported: (imported: ScheduleImport) => void;
}

export function FeedImportDialog({ open, onClose, onImported }: FeedImportDialogProps) {
  const { t } = useTranslation();
  const ids = { title: useId(), source: useId(), sourceHint: useId(), name: useId(), error: useId() };
  const importFeed = useRotationStore((state) => state.importFeed);
  const [source, setSource] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await importFeed(source.trim(), name.trim());
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setSource('');
    setName('');
    onImported(result.value);
  }

  const describedBy = error === null ? undefined : ids.error;
  return (
    <Dialog open={open} onDismiss={onClose} labelledBy={ids.title} className="dialog-rotation-form">
      <form className="rotation-form" aria-labelledby={ids.title} onSubmit={(e) => void submit(e)}>
        <h2 id={ids.title}>{t('rotation.import.title')}</h2>
        <div className="form-field">
          <label htmlFor={ids.source}>{t('rotation.import.source')}</label>
          <input
            id={ids.source}
            value={source}
            required
            maxLength={2000}
            spellCheck={false}
            aria-invalid={error !== null}
            aria-describedby={[ids.sourceHint, describedBy].filter(Boolean).join(' ')}
            onChange={(event) => setSource(event.target.value)}
          />
          <p id={ids.sourceHint} className="form-hint">
            {t('rotation.import.sourceHint')}
          </p>
        </div>
        <div className="form-field">
          <label htmlFor={ids.name}>{t('rotation.import.name')}</label>
          <input
            id={ids.name}
            value={name}
            maxLength={200}
            aria-describedby={describedBy}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        {error !== null && (
          <p id={ids.error} className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('rotation.cancel')}
          </button>
          <button type="submit" disabled={busy}>
            {busy ? t('rotation.import.reading') : t('rotation.import.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
