// The window in landmarks: the header (banner, with the view switch), the P1 alert while a P1 waits (a region), the
// filters (search), the queue (main, with the SLA toasts over it, never over the ticket pane), the ticket pane
// (complementary) and the status bar (contentinfo); then the dialogs, and the tab's title and icon. The queue and the
// pane each sit behind an error boundary.
import { useState } from 'react';
import { useKeyboardShortcuts } from '../keyboard';
import { useDetailStore } from '../state/detail-store';
import { useLiveUpdates } from '../state/live';
import { AlertPanel } from './AlertPanel';
import { ConnectionsDialog } from './ConnectionsDialog';
import { ContractsDialog } from './ContractsDialog';
import { ErrorBoundary } from './ErrorBoundary';
import { FilterBar } from './FilterBar';
import { Header } from './Header';
import { NotificationHealthDialog } from './NotificationHealthDialog';
import { QueueList } from './QueueList';
import { RotationDialog } from './RotationDialog';
import { SettingsDialog } from './SettingsDialog';
import { ShortcutSheet } from './ShortcutSheet';
import { SlaToasts } from './SlaToasts';
import { StatusBar } from './StatusBar';
import { TabAttention } from './TabAttention';
import { TicketDetail } from './TicketDetail';

export function App() {
  useLiveUpdates();
  useKeyboardShortcuts();
  const openId = useDetailStore((state) => state.openId);
  const [settingsOpen, setSettingsOpen] = useState(false);

  return (
    <div className="app">
      <Header onOpenSettings={() => setSettingsOpen(true)} />
      <AlertPanel />
      <FilterBar />
      <div className={openId !== null ? 'workspace with-detail' : 'workspace'}>
        <main className="queue-area">
          <ErrorBoundary area="queue">
            <QueueList />
          </ErrorBoundary>
          <SlaToasts />
        </main>
        {openId !== null && (
          <ErrorBoundary area="detail" resetKey={openId}>
            <TicketDetail />
          </ErrorBoundary>
        )}
      </div>
      <StatusBar />
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <ContractsDialog />
      <ConnectionsDialog />
      <NotificationHealthDialog />
      <RotationDialog />
      <ShortcutSheet />
      <TabAttention />
    </div>
  );
}
