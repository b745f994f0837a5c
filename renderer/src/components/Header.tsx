// Top bar: name, the Demo badge, queue counts, the language switch, and the contracts and settings buttons.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store';
import { useContractsStore } from '../state/contracts-store';
import { LanguageSwitch } from './LanguageSwitch';
import { QueueCounts } from './QueueCounts';

export function Header({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useTranslation();
  const demoEnabled = useAppStore((state) => state.info?.demoEnabled ?? false);
  const contractsBroken = useContractsStore((state) => Boolean(state.view?.error));
  const openContracts = useContractsStore((state) => state.openDialog);
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
        <button
          type="button"
          className={contractsBroken ? 'contracts-button broken' : 'contracts-button'}
          title={contractsBroken ? t('contracts.brokenTitle') : t('contracts.shortcutTitle')}
          aria-keyshortcuts="c"
          onClick={openContracts}
        >
          {t('header.contracts')}
          {contractsBroken && <span className="contracts-warning"> ⚠</span>}
        </button>
        <button type="button" onClick={onOpenSettings}>
          {t('header.settings')}
        </button>
      </div>
    </header>
  );
}
