// A banner that cannot be missed while the built-in demo desk is shown, with the way to remove it.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store';
import { RemoveDemoButton } from './RemoveDemoButton';

export function DemoBanner() {
  const { t } = useTranslation();
  const demoEnabled = useAppStore((state) => state.info?.demoEnabled ?? false);
  if (!demoEnabled) return null;
  return (
    <div className="banner banner-demo" role="note">
      <span>{t('demo.banner')}</span>
      <RemoveDemoButton />
    </div>
  );
}
