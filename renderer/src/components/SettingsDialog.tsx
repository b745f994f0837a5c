// Settings: language, the name "Mine" filters on, the alerts (when, quiet hours, pause) and the demo desk (remove it
// or turn it back on).
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store';
import { setDemoEnabled } from '../state/live';
import { AlertSettings } from './AlertSettings';
import { Dialog } from './Dialog';
import { LanguageSwitch } from './LanguageSwitch';
import { RemoveDemoButton } from './RemoveDemoButton';

export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const meId = useId();
  const demoEnabled = useAppStore((state) => state.info?.demoEnabled ?? false);
  const me = useAppStore((state) => state.settings?.me ?? '');
  const setMe = useAppStore((state) => state.setMe);
  const [name, setName] = useState(me);
  useEffect(() => setName(me), [me, open]);

  return (
    <Dialog open={open} onDismiss={onClose} labelledBy={titleId} className="dialog-settings">
      <h2 id={titleId}>{t('settings.title')}</h2>
      <section className="settings-section">
        <LanguageSwitch showLabel />
      </section>
      <form
        className="settings-section"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() !== '' && name.trim() !== me) void setMe(name.trim());
        }}
      >
        <label htmlFor={meId}>{t('settings.me')}</label>
        <div className="settings-row">
          <input id={meId} value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />
          <button type="submit" disabled={name.trim() === '' || name.trim() === me}>
            {t('settings.saveName')}
          </button>
        </div>
      </form>
      <AlertSettings />
      <section className="settings-section">
        <h3>{t('settings.demo')}</h3>
        <div className="settings-row">
          <span>{demoEnabled ? t('settings.demoOn') : t('settings.demoOff')}</span>
          {demoEnabled ? (
            <RemoveDemoButton />
          ) : (
            <button type="button" onClick={() => void setDemoEnabled(true)}>
              {t('settings.enableDemo')}
            </button>
          )}
        </div>
      </section>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('settings.close')}
        </button>
      </div>
    </Dialog>
  );
}
