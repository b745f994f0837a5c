// The Contracts dialog: where contracts.json lives, any problem loading it, every policy and calendar, and
// "Reload" after editing the file by hand.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useContractsStore } from '../state/contracts-store';
import { CalendarTable } from './CalendarTable';
import { Dialog } from './Dialog';
import { PolicyCard } from './PolicyCard';

export function ContractsDialog() {
  const { t } = useTranslation();
  const titleId = useId();
  const open = useContractsStore((state) => state.dialogOpen);
  const close = useContractsStore((state) => state.closeDialog);
  const view = useContractsStore((state) => state.view);
  const loading = useContractsStore((state) => state.loading);
  const reloading = useContractsStore((state) => state.reloading);
  const callError = useContractsStore((state) => state.callError);
  const reload = useContractsStore((state) => state.reload);

  const policies = view ? Object.entries(view.config.policies) : [];
  return (
    <Dialog open={open} onDismiss={close} labelledBy={titleId} className="dialog-contracts">
      <h2 id={titleId}>{t('contracts.title')}</h2>
      {view && (
        <p className="contracts-file">
          <span className="muted">{t('contracts.file')}</span> <code>{view.file}</code>
        </p>
      )}
      {view?.error && (
        <div className="contracts-error" role="alert">
          <strong>{t('contracts.errorTitle')}</strong>
          <p className="contracts-error-message">{view.error}</p>
          <p>{t('contracts.errorKept')}</p>
        </div>
      )}
      {callError !== null && (
        <p className="contracts-error" role="alert">
          {callError}
        </p>
      )}
      <div className="contracts-edit">
        <div>
          <p>{t('contracts.howToEdit')}</p>
          <p className="muted">{t('contracts.durations')}</p>
        </div>
        <button type="button" disabled={reloading} onClick={() => void reload()}>
          {reloading ? t('contracts.reloading') : t('contracts.reload')}
        </button>
      </div>
      {!view && loading && (
        <p className="muted" role="status">
          {t('contracts.loading')}
        </p>
      )}
      {view && (
        <>
          {policies.map(([name, policy]) => (
            <PolicyCard
              key={name}
              name={name}
              policy={policy}
              isDefault={name === view.config.defaultPolicy}
              config={view.config}
              customers={view.customers.filter((customer) => customer.policy === name)}
            />
          ))}
          <CalendarTable calendars={view.config.calendars} />
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          {t('contracts.close')}
        </button>
      </div>
    </Dialog>
  );
}
