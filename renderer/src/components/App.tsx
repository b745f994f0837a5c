// The window: banners, header, filters, the queue with its detail pane (each behind an error boundary), the status
// bar, dialogs and SLA toasts.
import { useState } from 'react';
import { useKeyboardShortcuts } from '../keyboard';
import { useDetailStore } from '../state/detail-store';
import { useLiveUpdates } from '../state/live';
import { ConnectionBanner } from './ConnectionBanner';
import { ContractsDialog } from './ContractsDialog';
import { DemoBanner } from './DemoBanner';
import { ErrorBoundary } from './ErrorBoundary';
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
  const openId = useDetailStore((state) => state.openId);
  const [settingsOpen, setSettingsOpen] = useState(false);

  return (
    <div className="app">
      <ConnectionBanner />
      <Header onOpenSettings={() => setSettingsOpen(true)} />
      <DemoBanner />
      <NoticeBar />
      <FilterBar />
      <main className={openId !== null ? 'workspace with-detail' : 'workspace'}>
        <ErrorBoundary area="queue">
          <QueueList />
        </ErrorBoundary>
        {openId !== null && (
          <ErrorBoundary area="detail" resetKey={openId}>
            <TicketDetail />
          </ErrorBoundary>
        )}
      </main>
      <StatusBar />
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <ContractsDialog />
      <SlaToasts />
    </div>
  );
}
