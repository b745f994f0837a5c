// Top bar: name, the Demo badge, queue counts, the language switch and the settings button.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store';
import { LanguageSwitch } from './LanguageSwitch';
import { QueueCounts } from './QueueCounts';

export function Header({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useTranslation();
  const demoEnabled = useAppStore((state) => state.info?.demoEnabled ?? false);
  return (
    <header className="app-header">
      <h1 className="app-title">Piket</h1>
      {demoEnabled && (
        <span className="demo-badge" title={t('demo.badgeTitle')}>
          {t('demo.badge')}
        </span>
      )}
      <QueueCounts />
      <div className="header-actions">
        <LanguageSwitch />
        <button type="button" onClick={onOpenSettings}>
          {t('header.settings')}
        </button>
      </div>
    </header>
  );
}
