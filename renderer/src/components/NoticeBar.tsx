// Start-up notices from the core and messages of failed actions (settings, demo, sync now), each until dismissed.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store';

export function NoticeBar() {
  const { t } = useTranslation();
  const notices = useAppStore((state) => state.notices);
  const dismiss = useAppStore((state) => state.dismissNotice);
  return notices.map((notice) => (
    <div key={notice} className="banner banner-notice" role="alert">
      <span>{notice}</span>
      <button type="button" className="button-quiet" onClick={() => dismiss(notice)}>
        {t('notice.dismiss')}
      </button>
    </div>
  ));
}
