// Shown while the browser has lost its WebSocket to the web host and is reconnecting, or keeps failing to: then the
// host is gone or was restarted (new token), and the banner points the user to the new link.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store';

export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useAppStore((state) => state.connection);
  if (connection !== 'lost' && connection !== 'unreachable') return null;
  return (
    <div className="banner banner-connection" role="alert">
      {connection === 'unreachable' ? t('connection.unreachable') : t('connection.lost')}
    </div>
  );
}
