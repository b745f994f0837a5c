// The two views of the queue as a pair of toggle buttons in the header's navigation: "Needs me now" with its count
// (key n) and the full queue (key q). The one shown is pressed.
import { useTranslation } from 'react-i18next';
import { QUEUE_VIEWS } from '../../../src/api';
import { useQueueStore } from '../state/queue-store';

const KEYS = { needsMe: 'n', queue: 'q' } as const;

export function ViewSwitch() {
  const { t } = useTranslation();
  const view = useQueueStore((state) => state.view);
  const needsMe = useQueueStore((state) => state.stats?.needsMe);
  const setView = useQueueStore((state) => state.setView);
  return (
    <nav className="view-switch" aria-label={t('views.label')}>
      {QUEUE_VIEWS.map((option) => (
        <button
          key={option}
          type="button"
          className="view-button"
          aria-pressed={view === option}
          aria-keyshortcuts={KEYS[option]}
          title={t(`views.${option}Title`)}
          onClick={() => setView(option)}
        >
          {t(`views.${option}`)}
          {option === 'needsMe' && needsMe !== undefined && <span className="view-count">{needsMe}</span>}
        </button>
      ))}
    </nav>
  );
}
