// Shown while the browser has lost its WebSocket to the web host and is reconnecting.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store';

export function ConnectionBanner() {
  const { t } = useTranslation();
  const lost = useAppStore((state) => state.connection === 'lost');
  if (!lost) return null;
  return (
    <div className="banner banner-connection" role="alert">
      {t('connection.lost')}
    </div>
  );
}
