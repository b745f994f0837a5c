// The alert settings in the Settings dialog: when alerts notify (always, or only while I am on call), quiet hours
// (from and to, read in this computer's time zone, which is shown; only P1s notify then) and pausing every alert but
// P1s for an hour, or resuming them. Each change is saved at once; what the core refuses is said next to it.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertWhen, Result, Settings } from '../../../src/api';
import { api } from '../api';
import { formatDateTime } from '../format';
import { userTimeZone } from '../sla-format';
import { useAppStore } from '../state/app-store';
import { useNow } from '../use-now';

const PAUSE_MINUTES = 60;
/** What the quiet-hours fields offer before any are set: the night. */
const NIGHT = { from: '22:00', to: '07:00' };

type Part = 'when' | 'quiet' | 'pause';

export function AlertSettings() {
  const { t, i18n } = useTranslation();
  const ids = { title: useId(), from: useId(), to: useId(), quietError: useId() };
  const settings = useAppStore((state) => state.settings);
  const applySettings = useAppStore((state) => state.applySettings);
  const now = useNow();
  const quiet = settings?.quietHours ?? null;
  const [from, setFrom] = useState(quiet?.from ?? NIGHT.from);
  const [to, setTo] = useState(quiet?.to ?? NIGHT.to);
  const [error, setError] = useState<{ part: Part; message: string } | null>(null);
  /** The choice being saved, shown at once (a refused one falls back to the saved choice). */
  const [choosing, setChoosing] = useState<AlertWhen | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    setFrom(quiet?.from ?? NIGHT.from);
    setTo(quiet?.to ?? NIGHT.to);
  }, [quiet?.from, quiet?.to]);

  async function save(part: Part, call: Promise<Result<Settings>>, done: string): Promise<void> {
    setSaved('');
    const result = await call;
    if (!result.ok) return setError({ part, message: result.error.message });
    setError(null);
    applySettings(result.value);
    setSaved(done);
  }

  const errorOf = (part: Part) =>
    error?.part === part ? t('settings.alerts.notSaved', { message: error.message }) : null;
  const alertWhen = choosing ?? settings?.alertWhen ?? 'always';
  const pausedUntil = settings?.alertsPausedUntil ?? null;
  const paused = pausedUntil !== null && pausedUntil > now;
  const zone = userTimeZone();

  return (
    <section className="settings-section" aria-labelledby={ids.title}>
      <h3 id={ids.title}>{t('settings.alerts.title')}</h3>
      <fieldset className="settings-group">
        <legend>{t('settings.alerts.when')}</legend>
        {(['always', 'onCall'] as const satisfies readonly AlertWhen[]).map((choice) => (
          <label key={choice} className="settings-radio">
            <input
              type="radio"
              name="alert-when"
              checked={alertWhen === choice}
              onChange={() => {
                setChoosing(choice);
                void save(
                  'when',
                  api.updateSettings({ alertWhen: choice }),
                  t(`settings.alerts.savedWhen.${choice}`),
                ).finally(() => setChoosing(null));
              }}
            />
            {t(`settings.alerts.${choice}`)}
          </label>
        ))}
        {errorOf('when') !== null && (
          <p className="settings-error" role="alert">
            {errorOf('when')}
          </p>
        )}
      </fieldset>

      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(
            'quiet',
            api.updateSettings({ quietHours: { from, to, timeZone: zone } }),
            t('settings.alerts.quietSaved', { from, to, zone }),
          );
        }}
      >
        <fieldset className="settings-group">
          <legend>{t('settings.alerts.quiet')}</legend>
          <p className="muted">
            {quiet === null
              ? t('settings.alerts.quietOff')
              : t('settings.alerts.quietOn', { from: quiet.from, to: quiet.to, zone: quiet.timeZone })}
          </p>
          <div className="settings-times">
            <label htmlFor={ids.from}>{t('settings.alerts.from')}</label>
            <input
              id={ids.from}
              type="time"
              value={from}
              aria-invalid={error?.part === 'quiet'}
              aria-describedby={error?.part === 'quiet' ? ids.quietError : undefined}
              onChange={(event) => setFrom(event.target.value)}
            />
            <label htmlFor={ids.to}>{t('settings.alerts.to')}</label>
            <input
              id={ids.to}
              type="time"
              value={to}
              aria-invalid={error?.part === 'quiet'}
              aria-describedby={error?.part === 'quiet' ? ids.quietError : undefined}
              onChange={(event) => setTo(event.target.value)}
            />
          </div>
          <p className="muted">{t('settings.alerts.zone', { zone })}</p>
          {errorOf('quiet') !== null && (
            <p id={ids.quietError} className="settings-error" role="alert">
              {errorOf('quiet')}
            </p>
          )}
          <div className="settings-buttons">
            <button type="submit">{t('settings.alerts.saveQuiet')}</button>
            {quiet !== null && (
              <button
                type="button"
                onClick={() =>
                  void save(
                    'quiet',
                    api.updateSettings({ quietHours: null }),
                    t('settings.alerts.quietCleared'),
                  )
                }
              >
                {t('settings.alerts.clearQuiet')}
              </button>
            )}
          </div>
        </fieldset>
      </form>

      <div className="settings-row">
        <span>
          {paused
            ? t('settings.alerts.pausedUntil', { time: formatDateTime(pausedUntil, i18n.language) })
            : t('settings.alerts.notPaused')}
        </span>
        <button
          type="button"
          onClick={() =>
            void save(
              'pause',
              api.pauseAlerts({ minutes: paused ? 0 : PAUSE_MINUTES }),
              paused ? t('settings.alerts.resumed') : t('settings.alerts.pausedNow'),
            )
          }
        >
          {paused ? t('settings.alerts.resume') : t('settings.alerts.pause')}
        </button>
      </div>
      {errorOf('pause') !== null && (
        <p className="settings-error" role="alert">
          {errorOf('pause')}
        </p>
      )}
      <p className="settings-saved" role="status">
        {saved}
      </p>
    </section>
  );
}
