// What "Test connection" found, in words: who the connection acts as, or the problem the core named. The region is
// always there, so a screen reader hears the result when it arrives.
import { useTranslation } from 'react-i18next';
import type { TestState } from '../state/connections-store';

export function TestResult({ test }: { test: TestState | undefined }) {
  const { t } = useTranslation();
  let text = '';
  let tone = '';
  if (test?.status === 'running') text = t('connections.testing');
  else if (test?.status === 'failed') {
    text = test.message;
    tone = 'test-problem';
  } else if (test?.status === 'done') {
    const { result } = test;
    if (result.ok && result.identity) {
      const connected = t('connections.connectedAs', {
        name: result.identity.name,
        role: result.identity.role,
      });
      text = result.fullExport === false ? `${connected} ${t('connections.searchExport')}` : connected;
      tone = 'test-ok';
    } else {
      text = result.message;
      tone = 'test-problem';
    }
  }
  return (
    <p className={`test-result ${tone}`} role="status">
      {text}
    </p>
  );
}
