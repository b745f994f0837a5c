// The window: banners, header, filters, the queue with its detail pane, the status bar, dialogs and SLA toasts.
import { useState } from 'react';
import { useKeyboardShortcuts } from '../keyboard';
import { useDetailStore } from '../state/detail-store';
import { useLiveUpdates } from '../state/live';
import { ConnectionBanner } from './ConnectionBanner';
import { ContractsDialog } from './ContractsDialog';
import { DemoBanner } from './DemoBanner';
import { FilterBar } from './FilterBar';
import { Header } from './Header';
import { NoticeBar } from './NoticeBar';
import { QueueList } from './QueueList';
import { SettingsDialog } from './SettingsDialog';
import { SlaToasts } from './SlaToasts';
import { StatusBar } from './StatusBar';
import { TicketDetail } from './TicketDetail';

export function App() {
  useLiveUpdates();
  useKeyboardShortcuts();
  const detailOpen = useDetailStore((state) => state.openId !== null);
  const [settingsOpen, setSettingsOpen] = useState(false);

  return (
    <div className="app">
      <ConnectionBanner />
      <Header onOpenSettings={() => setSettingsOpen(true)} />
      <DemoBanner />
      <NoticeBar />
      <FilterBar />
      <main className={detailOpen ? 'workspace with-detail' : 'workspace'}>
        <QueueList />
        {detailOpen && <TicketDetail />}
      </main>
      <StatusBar />
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <ContractsDialog />
      <SlaToasts />
    </div>
  );
}
