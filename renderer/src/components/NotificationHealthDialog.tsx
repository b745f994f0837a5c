// The Notifications dialog (the header's button, Shift+N): whether alerts reach the person. A clear warning when
// something stops them, how notices are shown here, the last one and what became of it, failures in the last day,
// "Send a test notification" with its outcome, the core's advice for this OS (allowing notifications, Do Not
// Disturb), when each connection last synced, and in browser mode this tab's own permission with a way to allow it.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeRecord } from '../../../src/api';
import { formatDateTime } from '../format';
import { useAppStore } from '../state/app-store';
import { useHealthStore, type HealthTest } from '../state/health-store';
import { ConnectionSyncLine } from './ConnectionSyncLine';
import { Dialog } from './Dialog';

function LastNotice({ notice }: { notice: NoticeRecord | null }) {
  const { t, i18n } = useTranslation();
  if (notice === null) return <p className="muted">{t('health.noNotice')}</p>;
  return (
    <dl className="health-facts">
      <dt>{t('health.noticeTitle')}</dt>
      <dd>{notice.title}</dd>
      <dt>{t('health.outcomeLabel')}</dt>
      <dd className={`health-outcome health-outcome-${notice.outcome}`}>
        {t(`health.outcome.${notice.outcome}`)}
      </dd>
      <dt>{t('health.raisedAt')}</dt>
      <dd>
        {formatDateTime(notice.raisedAt, i18n.language)}
        {notice.late && <> ({t('health.late')})</>}
      </dd>
      {notice.attempts > 1 && (
        <>
          <dt>{t('health.attemptsLabel')}</dt>
          <dd>{notice.attempts}</dd>
        </>
      )}
    </dl>
  );
}

/** What the test found, in a status region that is always there, so a screen reader hears it when it arrives. */
function TestOutcome({ test }: { test: HealthTest }) {
  const { t } = useTranslation();
  let text = '';
  let tone = '';
  if (test.status === 'running') text = t('health.testing');
  else if (test.status === 'failed') {
    text = t('health.testFailed', { message: test.message });
    tone = 'test-problem';
  } else if (test.status === 'done') {
    const outcome = test.health.lastNotice?.outcome ?? 'waiting';
    text = t(`health.testOutcome.${outcome}`);
    if (test.health.problem !== null) text = `${text} ${test.health.problem}`;
    tone = outcome === 'failed' || outcome === 'waiting' ? 'test-problem' : 'test-ok';
  }
  return (
    <p className={`test-result ${tone}`} role="status">
      {text}
    </p>
  );
}

function TabPermission() {
  const { t } = useTranslation();
  const tab = useHealthStore((state) => state.tab);
  const allowInTab = useHealthStore((state) => state.allowInTab);
  if (tab === null) return null;
  return (
    <section className="health-section">
      <h3>{t('health.tabTitle')}</h3>
      <p>{t(`health.tab.${tab}`)}</p>
      {tab === 'default' && (
        <button type="button" onClick={() => void allowInTab()}>
          {t('health.allowInTab')}
        </button>
      )}
    </section>
  );
}

export function NotificationHealthDialog() {
  const { t } = useTranslation();
  const titleId = useId();
  const problemId = useId();
  const open = useHealthStore((state) => state.dialogOpen);
  const close = useHealthStore((state) => state.closeDialog);
  const health = useHealthStore((state) => state.health);
  const loadError = useHealthStore((state) => state.loadError);
  const test = useHealthStore((state) => state.test);
  const sendTest = useHealthStore((state) => state.sendTest);
  const sync = useAppStore((state) => state.sync);
  const connections = sync?.connections ?? [];

  return (
    <Dialog
      open={open}
      onDismiss={close}
      labelledBy={titleId}
      describedBy={health !== null && health.problem !== null ? problemId : undefined}
      className="dialog-health"
    >
      <h2 id={titleId}>{t('health.title')}</h2>
      {loadError !== null && (
        <p className="health-problem" role="alert">
          {loadError}
        </p>
      )}
      {health === null ? (
        loadError === null && <p className="muted">{t('health.loading')}</p>
      ) : (
        <>
          {health.problem !== null && (
            <div id={problemId} className="health-problem">
              <p>
                <strong>⚠ {t('health.problemTitle')}</strong>
              </p>
              <p>{health.problem}</p>
            </div>
          )}
          <section className="health-section">
            <h3>{t('health.channelTitle')}</h3>
            <p>{t(`health.channel.${health.channel}`)}</p>
            <p className="health-advice">{health.advice}</p>
          </section>
          <section className="health-section">
            <h3>{t('health.lastNotice')}</h3>
            <LastNotice notice={health.lastNotice} />
            <p className={health.failedRecently > 0 ? 'health-failed' : undefined}>
              {t('health.failedRecently', { count: health.failedRecently })}
            </p>
          </section>
          <section className="health-section">
            <h3>{t('health.testTitle')}</h3>
            <div className="settings-row">
              <span className="muted">{t('health.testHint')}</span>
              <button
                type="button"
                aria-disabled={test.status === 'running'}
                onClick={() => {
                  if (test.status !== 'running') void sendTest();
                }}
              >
                {t('health.sendTest')}
              </button>
            </div>
            <TestOutcome test={test} />
          </section>
        </>
      )}
      <TabPermission />
      <section className="health-section">
        <h3>{t('health.syncTitle')}</h3>
        {connections.length === 0 ? (
          <p className="muted">{t('syncStatus.noConnections')}</p>
        ) : (
          <ul className="health-sync-list">
            {connections.map((status) => (
              <li key={status.source}>
                <strong>{status.label}</strong>
                <ConnectionSyncLine source={status.source} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          {t('health.close')}
        </button>
      </div>
    </Dialog>
  );
}
