// "Remove demo data", confirmed first; used by the demo banner and the settings dialog.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setDemoEnabled } from '../state/live';
import { ConfirmDialog } from './ConfirmDialog';

export function RemoveDemoButton() {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setConfirming(true)}>
        {t('demo.remove')}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('demo.confirmTitle')}
        body={t('demo.confirmBody')}
        confirmLabel={t('demo.confirm')}
        cancelLabel={t('demo.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void setDemoEnabled(false);
        }}
      />
    </>
  );
}
