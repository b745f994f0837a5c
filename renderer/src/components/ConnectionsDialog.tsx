// The Connections dialog: every connected ticket system (address, login, where its token is kept, tickets,
// unsent changes, sync state) with "Test" and "Remove", and the form that adds a Zendesk and tests it at once.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionView } from '../../../src/api';
import { useConnectionsStore } from '../state/connections-store';
import { ConfirmDialog } from './ConfirmDialog';
import { ConnectionSyncLine } from './ConnectionSyncLine';
import { Dialog } from './Dialog';
import { TestResult } from './TestResult';
import { ZendeskForm } from './ZendeskForm';
import '../styles/connections.css';

export function ConnectionsDialog() {
  const { t } = useTranslation();
  const titleId = useId();
  const listTitleId = useId();
  const open = useConnectionsStore((state) => state.dialogOpen);
  const close = useConnectionsStore((state) => state.closeDialog);
  const connections = useConnectionsStore((state) => state.connections);
  const loadError = useConnectionsStore((state) => state.loadError);

  return (
    <Dialog open={open} onDismiss={close} labelledBy={titleId} className="dialog-connections">
      <h2 id={titleId}>{t('connections.title')}</h2>
      {loadError !== null && (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      )}
      <section className="connections-section" aria-labelledby={listTitleId}>
        <h3 id={listTitleId}>{t('connections.connected')}</h3>
        {connections !== null && connections.length === 0 && <p className="muted">{t('connections.none')}</p>}
        {connections !== null && connections.length > 0 && (
          <ul className="connection-list">
            {connections.map((connection) => (
              <ConnectionItem key={connection.id} connection={connection} />
            ))}
          </ul>
        )}
      </section>
      <ZendeskForm />
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          {t('connections.close')}
        </button>
      </div>
    </Dialog>
  );
}

function ConnectionItem({ connection }: { connection: ConnectionView }) {
  const { t } = useTranslation();
  const headingId = useId();
  const test = useConnectionsStore((state) => state.tests[connection.id]);
  const runTest = useConnectionsStore((state) => state.test);
  const remove = useConnectionsStore((state) => state.remove);
  const [confirming, setConfirming] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const { secret } = connection;
  const where =
    secret.store === 'env'
      ? t('connections.secretEnv', { name: secret.name })
      : secret.store === 'file'
        ? t('connections.secretFile', { path: secret.path })
        : t('connections.secretKeychain');

  return (
    <li className="connection-item" aria-labelledby={headingId}>
      <h4 id={headingId}>{connection.label}</h4>
      <dl className="connection-facts">
        <dt>{t('connections.name')}</dt>
        <dd>
          <code>{connection.id}</code>
        </dd>
        <dt>{t('connections.address')}</dt>
        <dd>{connection.url}</dd>
        <dt>{t('connections.login')}</dt>
        <dd>{connection.email}</dd>
        <dt>{t('connections.token')}</dt>
        <dd>{where}</dd>
        <dt>{t('connections.tickets')}</dt>
        <dd>{connection.tickets}</dd>
        <dt>{t('connections.unsent')}</dt>
        <dd>{connection.pending}</dd>
      </dl>
      <ConnectionSyncLine source={connection.id} />
      <TestResult test={test} />
      {removeError !== null && (
        <p className="form-error" role="alert">
          {removeError}
        </p>
      )}
      <div className="connection-actions">
        <button
          type="button"
          aria-label={t('connections.testNamed', { label: connection.label })}
          disabled={test?.status === 'running'}
          onClick={() => void runTest(connection.id)}
        >
          {t('connections.test')}
        </button>
        <button
          type="button"
          aria-label={t('connections.removeNamed', { label: connection.label })}
          onClick={() => {
            setRemoveError(null);
            setConfirming(true);
          }}
        >
          {t('connections.remove')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('connections.confirmTitle', { label: connection.label })}
        body={
          connection.pending > 0
            ? `${t('connections.confirmTickets', { count: connection.tickets })} ${t('connections.confirmLost', { count: connection.pending })}`
            : t('connections.confirmTickets', { count: connection.tickets })
        }
        confirmLabel={
          connection.pending > 0
            ? t('connections.confirmDiscard', { count: connection.pending })
            : t('connections.confirm')
        }
        cancelLabel={t('connections.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void remove(connection.id, connection.pending).then((error) =>
            setRemoveError(error?.message ?? null),
          );
        }}
      />
    </li>
  );
}
