// The keyboard shortcut sheet, opened with ? or the status bar's button: every key and what it does, in a dialog
// that Escape closes (the focus goes back to where it was).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from '../keyboard';
import { useAppStore } from '../state/app-store';
import { Dialog } from './Dialog';

export function ShortcutSheet() {
  const { t } = useTranslation();
  const titleId = useId();
  const open = useAppStore((state) => state.shortcutsOpen);
  const setOpen = useAppStore((state) => state.setShortcutsOpen);
  const close = () => setOpen(false);
  return (
    <Dialog open={open} onDismiss={close} labelledBy={titleId} className="dialog-shortcuts">
      <h2 id={titleId}>{t('shortcuts.title')}</h2>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.key')}</th>
            <th scope="col">{t('shortcuts.does')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(({ keys, does }) => (
            <tr key={does}>
              <th scope="row">
                {keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && ' / '}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{t(`shortcuts.${does}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('shortcuts.typing')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          {t('shortcuts.close')}
        </button>
      </div>
    </Dialog>
  );
}
