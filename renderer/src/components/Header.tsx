// The window's banner landmark: the top bar (name, the Demo badge, the view switch with the "Needs me now" count,
// queue counts, who is on call now, the sync status, the language switch, the contracts, connections and settings
// buttons) and the banners below it.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store';
import { useConnectionsStore } from '../state/connections-store';
import { useContractsStore } from '../state/contracts-store';
import { ConnectionBanner } from './ConnectionBanner';
import { DemoBanner } from './DemoBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { NoticeBar } from './NoticeBar';
import { OnCallNow } from './OnCallNow';
import { QueueCounts } from './QueueCounts';
import { SyncStatusIndicator } from './SyncStatusIndicator';
import { ViewSwitch } from './ViewSwitch';

export function Header({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useTranslation();
  const demoEnabled = useAppStore((state) => state.info?.demoEnabled ?? false);
  const contractsBroken = useContractsStore((state) => Boolean(state.view?.error));
  const openContracts = useContractsStore((state) => state.openDialog);
  const openConnections = useConnectionsStore((state) => state.openDialog);
  return (
    <header className="app-top">
      <ConnectionBanner />
      <div className="app-header">
        <h1 className="app-title">Piket</h1>
        {demoEnabled && (
          <span className="demo-badge" title={t('demo.badgeTitle')}>
            {t('demo.badge')}
          </span>
        )}
        <ViewSwitch />
        <QueueCounts />
        <OnCallNow />
        <div className="header-actions">
          <SyncStatusIndicator />
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
          <button
            type="button"
            title={t('connections.shortcutTitle')}
            aria-keyshortcuts="Shift+C"
            onClick={openConnections}
          >
            {t('header.connections')}
          </button>
          <button type="button" onClick={onOpenSettings}>
            {t('header.settings')}
          </button>
        </div>
      </div>
      <DemoBanner />
      <NoticeBar />
    </header>
  );
}
