// In-app toasts for SLA warnings and breaches: one line for the older ones ("23 more SLA alerts", with "Dismiss
// all"), then the newest three. Clicking a toast opens its ticket; each can be dismissed. The stack lives in the queue's area
// (see App), so it never covers the ticket pane.
import { useTranslation } from 'react-i18next';
import type { SlaAlert } from '../../../src/api';
import { percent } from '../contracts-summary';
import { openTicket } from '../keyboard';
import { useAlertStore } from '../state/alert-store';

/** At most this many toasts are on screen; the rest wait behind a count. */
const SHOWN_TOASTS = 3;

function useAlertText(): (alert: SlaAlert) => string {
  const { t } = useTranslation();
  return (alert) => {
    const base = {
      priority: alert.priority,
      ref: alert.externalId,
      target: t(`sla.targetInline.${alert.target}`),
    };
    return alert.kind === 'breach'
      ? t('alerts.breach', base)
      : t('alerts.warning', { ...base, percent: percent(alert.fraction ?? 0) });
  };
}

export function SlaToasts() {
  const { t } = useTranslation();
  const toasts = useAlertStore((state) => state.toasts);
  const dismiss = useAlertStore((state) => state.dismiss);
  const dismissAll = useAlertStore((state) => state.dismissAll);
  const text = useAlertText();
  const shown = toasts.slice(-SHOWN_TOASTS);
  const hidden = toasts.length - shown.length;

  return (
    <section className="toasts" aria-label={t('alerts.label')} aria-live="polite">
      {hidden > 0 && (
        <div className="toast toast-more">
          <span>{t('alerts.more', { count: hidden })}</span>
          <button type="button" className="button-quiet" onClick={dismissAll}>
            {t('alerts.dismissAll')}
          </button>
        </div>
      )}
      {shown.length > 0 && (
        <ul className="toast-list">
          {shown.map(({ key, alert }) => (
            <li key={key} className={`toast toast-${alert.kind}`}>
              <button
                type="button"
                className="toast-open"
                title={t('alerts.open')}
                onClick={() => {
                  dismiss(key);
                  openTicket(alert.ticketId);
                }}
              >
                <strong className="toast-title">{text(alert)}</strong>
                <span className="toast-subject">{alert.subject}</span>
              </button>
              <button
                type="button"
                className="toast-dismiss button-quiet"
                aria-label={t('alerts.dismiss')}
                onClick={() => dismiss(key)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
