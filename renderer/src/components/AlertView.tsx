// The alert window's page (?view=alert, opened always-on-top by the desktop app while a P1 waits): only the P1 alert,
// filling the window, with Acknowledge and Snooze; no queue. When no P1 waits any more it says so.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlertWindowUpdates } from '../state/live';
import { AlertPanel } from './AlertPanel';

export function AlertView() {
  const { t } = useTranslation();
  useAlertWindowUpdates();
  useEffect(() => {
    document.title = t('attention.alertWindow');
  }, [t]);
  return (
    <main className="alert-view">
      <AlertPanel inWindow />
    </main>
  );
}
