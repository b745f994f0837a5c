// The rotation view, opened from the header's "On call" button or with `o`: the schedule to show (chosen among
// all), what it is (zone, feed source, "as of", the last refresh's error), who is on call now and next and my next
// shift, and its week or month — moved with the buttons or ← and →, times in the schedule's zone or mine — and the
// people in it. From here: import a feed, refresh or remove it; create a schedule, edit it, add an override, swap
// two shifts, remove it (each removal confirmed).
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleImport, ScheduleView } from '../../../src/api';
import type { Member } from '../../../src/rotation/model';
import { sameMember } from '../../../src/rotation/on-call';
import { browserZone, dayOf, periodLabel } from '../rotation-calendar';
import { civilOfDay } from '../../../src/sla/civil';
import { type ShownRange, selectedSchedule, shownZone, useRotationStore } from '../state/rotation-store';
import { useNow } from '../use-now';
import { ConfirmDialog } from './ConfirmDialog';
import { Dialog } from './Dialog';
import { FeedImportDialog } from './FeedImportDialog';
import { MemberCard } from './MemberCard';
import { OverrideDialog } from './OverrideDialog';
import { RotationCalendar } from './RotationCalendar';
import { RotationNow } from './RotationNow';
import { ScheduleEditor } from './ScheduleEditor';
import { SwapDialog } from './SwapDialog';
import '../styles/rotation.css';

type Form = 'import' | 'new' | 'edit' | 'override' | 'swap' | 'remove';

/** Today's date on a zone's calendar, 'YYYY-MM-DD'. */
function todayIn(zone: string): string {
  const [year, month, day] = civilOfDay(dayOf(Date.now(), zone));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isTextEntry(element: EventTarget): boolean {
  return (
    element instanceof HTMLElement &&
    (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName))
  );
}

export function RotationDialog() {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const chooserId = useId();
  const state = useRotationStore();
  const schedule = selectedSchedule(state);
  const now = useNow(60_000);
  const { viewOpen, shown, loadRange } = state;
  useEffect(() => {
    if (viewOpen) void loadRange();
  }, [viewOpen, now, loadRange]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || isTextEntry(event.target)) return;
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    state.move(event.key === 'ArrowLeft' ? -1 : 1);
  };

  const [form, setForm] = useState<Form | null>(null);
  const [message, setMessage] = useState<{ text: string; warnings: string[] } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const done = (text: string, warnings: string[] = []) => {
    setForm(null);
    setActionError(null);
    setMessage({ text, warnings });
  };
  const current = shown !== null && shown.scheduleId === schedule?.id ? shown : null;
  const scheduleZone = schedule?.timeZone ?? null;
  const zone = shownZone(schedule, state.zoneChoice);
  return (
    <Dialog open={viewOpen} onDismiss={state.closeView} labelledBy={titleId} className="dialog-rotation">
      <div className="rotation-view" onKeyDown={onKeyDown}>
        <h2 id={titleId}>{t('rotation.title')}</h2>
        {state.loadError !== null && (
          <p className="form-error" role="alert">
            {state.loadError}
          </p>
        )}
        {state.schedules !== null && state.schedules.length === 0 && <p>{t('rotation.noSchedules')}</p>}
        <div className="rotation-manage">
          <button type="button" onClick={() => setForm('import')}>
            {t('rotation.import.open')}
          </button>
          <button type="button" onClick={() => setForm('new')}>
            {t('rotation.editor.open')}
          </button>
        </div>
        <p className="rotation-message" role="status">
          {message?.text}
        </p>
        {message !== null && message.warnings.length > 0 && (
          <ul className="rotation-problems">
            {message.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        )}
        {actionError !== null && (
          <p className="form-error" role="alert">
            {actionError}
          </p>
        )}
        {schedule !== null && (
          <>
            <div className="rotation-choose">
              <label htmlFor={chooserId}>{t('rotation.schedule')}</label>
              <select
                id={chooserId}
                value={schedule.id}
                onChange={(event) => state.select(event.target.value)}
              >
                {state.schedules?.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
            </div>
            <ScheduleFacts />
            <ScheduleActions
              schedule={schedule}
              onForm={setForm}
              onRefreshed={(error) =>
                error === null
                  ? done(t('rotation.refreshed', { name: schedule.name }))
                  : setActionError(error)
              }
            />
            {current !== null && <RotationNow range={current.range} zone={current.zone} />}
            <div className="rotation-toolbar">
              <div role="group" aria-label={t('rotation.modeLabel')} className="rotation-toggle">
                {(['week', 'month'] as const).map((mode) => (
                  <button
                    key={mode}
                    type="button"
                    aria-pressed={state.mode === mode}
                    onClick={() => state.setMode(mode)}
                  >
                    {t(`rotation.${mode}`)}
                  </button>
                ))}
              </div>
              <div role="group" aria-label={t('rotation.moveLabel')} className="rotation-move">
                <button type="button" aria-keyshortcuts="ArrowLeft" onClick={() => state.move(-1)}>
                  {state.mode === 'week' ? t('rotation.previousWeek') : t('rotation.previousMonth')}
                </button>
                <button type="button" onClick={state.goToday}>
                  {t('rotation.today')}
                </button>
                <button type="button" aria-keyshortcuts="ArrowRight" onClick={() => state.move(1)}>
                  {state.mode === 'week' ? t('rotation.nextWeek') : t('rotation.nextMonth')}
                </button>
              </div>
              <div role="group" aria-label={t('rotation.zoneLabel')} className="rotation-toggle">
                <button
                  type="button"
                  aria-pressed={state.zoneChoice === 'schedule'}
                  onClick={() => state.setZoneChoice('schedule')}
                >
                  {t('rotation.scheduleZone', { zone: scheduleZone ?? browserZone() })}
                </button>
                <button
                  type="button"
                  aria-pressed={state.zoneChoice === 'mine'}
                  onClick={() => state.setZoneChoice('mine')}
                >
                  {t('rotation.myZone', { zone: browserZone() })}
                </button>
              </div>
            </div>
            {state.rangeError !== null && (
              <p className="form-error" role="alert">
                {state.rangeError}
              </p>
            )}
            {current !== null && (
              <section
                className="rotation-period"
                aria-labelledby={`${titleId}-period`}
                aria-busy={state.loadingRange}
              >
                <h3 id={`${titleId}-period`}>
                  {periodLabel(current.period, i18n.language)}{' '}
                  <span className="muted">{t('rotation.timesIn', { zone: current.zone })}</span>
                </h3>
                <p className="muted rotation-keys">{t('rotation.keysHint')}</p>
                <RotationCalendar shown={current} now={now} />
              </section>
            )}
            {current !== null && <People shown={current} schedule={schedule} />}
            <p className="visually-hidden" aria-live="polite">
              {current !== null
                ? `${periodLabel(current.period, i18n.language)}, ${shownZone(schedule, state.zoneChoice)}`
                : ''}
            </p>
          </>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={state.closeView}>
            {t('rotation.close')}
          </button>
        </div>
      </div>
      <FeedImportDialog
        open={form === 'import'}
        onClose={() => setForm(null)}
        onImported={(imported: ScheduleImport) =>
          done(
            t('rotation.import.done', { name: imported.schedule.name, count: imported.entries }),
            imported.warnings,
          )
        }
      />
      <ScheduleEditor
        open={form === 'new' || form === 'edit'}
        schedule={form === 'edit' ? (schedule?.schedule ?? null) : null}
        zone={browserZone()}
        today={todayIn(form === 'edit' && scheduleZone !== null ? scheduleZone : browserZone())}
        onClose={() => setForm(null)}
        onSaved={(name) => done(t('rotation.editor.saved', { name }))}
      />
      {schedule?.schedule && (
        <OverrideDialog
          open={form === 'override'}
          schedule={schedule.schedule}
          zone={zone}
          onClose={() => setForm(null)}
          onSaved={done}
        />
      )}
      {schedule?.schedule && current !== null && (
        <SwapDialog
          open={form === 'swap'}
          schedule={schedule.schedule}
          range={current.range}
          zone={current.zone}
          onClose={() => setForm(null)}
          onSaved={done}
        />
      )}
      {schedule !== null && (
        <ConfirmDialog
          open={form === 'remove'}
          title={t('rotation.remove.title', { name: schedule.name })}
          body={schedule.kind === 'feed' ? t('rotation.remove.bodyFeed') : t('rotation.remove.bodyLocal')}
          confirmLabel={t('rotation.remove.confirm')}
          cancelLabel={t('rotation.cancel')}
          onCancel={() => setForm(null)}
          onConfirm={() => {
            setForm(null);
            void state
              .remove(schedule.name)
              .then((error) =>
                error === null
                  ? done(t('rotation.remove.done', { name: schedule.name }))
                  : setActionError(error.message),
              );
          }}
        />
      )}
    </Dialog>
  );
}

interface ScheduleActionsProps {
  schedule: ScheduleView;
  onForm: (form: Form) => void;
  /** After a refresh: null, or the core's message. */
  onRefreshed: (error: string | null) => void;
}

/** What can be done with the chosen schedule: a feed is refreshed, a schedule made in Piket edited. */
function ScheduleActions({ schedule, onForm, onRefreshed }: ScheduleActionsProps) {
  const { t } = useTranslation();
  const refresh = useRotationStore((state) => state.refresh);
  const [refreshing, setRefreshing] = useState(false);
  return (
    <div className="rotation-manage" role="group" aria-label={t('rotation.actions', { name: schedule.name })}>
      {schedule.kind === 'feed' ? (
        <button
          type="button"
          disabled={refreshing}
          onClick={() => {
            setRefreshing(true);
            void refresh(schedule.name).then((error) => {
              setRefreshing(false);
              onRefreshed(error?.message ?? null);
            });
          }}
        >
          {refreshing ? t('rotation.refreshing') : t('rotation.refresh')}
        </button>
      ) : (
        <>
          <button type="button" onClick={() => onForm('edit')}>
            {t('rotation.editor.edit')}
          </button>
          <button type="button" onClick={() => onForm('override')}>
            {t('rotation.override.open')}
          </button>
          <button type="button" onClick={() => onForm('swap')}>
            {t('rotation.swap.open')}
          </button>
        </>
      )}
      <button type="button" onClick={() => onForm('remove')}>
        {t('rotation.remove.open')}
      </button>
    </div>
  );
}

/** Contact cards of everyone in the schedule (a feed: everyone in the period shown). */
function People({ shown, schedule }: { shown: ShownRange; schedule: ScheduleView }) {
  const { t } = useTranslation();
  const titleId = useId();
  const all: Member[] = schedule.schedule
    ? [
        ...schedule.schedule.layers.flatMap((layer) => layer.members),
        ...schedule.schedule.overrides.map((override) => override.member),
      ]
    : shown.range.entries.map((entry) => entry.member);
  const people: Member[] = [];
  for (const member of all) if (!people.some((known) => sameMember(known, member))) people.push(member);
  return (
    <section className="rotation-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('rotation.people')}</h3>
      {people.length === 0 ? (
        <p className="muted">{t('rotation.noPeople')}</p>
      ) : (
        <ul className="rotation-people">
          {people.map((member) => (
            <li key={member.name}>
              <MemberCard member={member} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What the chosen schedule is: made in Piket or a feed (its source, as of when, the last refresh's error). */
function ScheduleFacts() {
  const { t, i18n } = useTranslation();
  const schedule = useRotationStore((state) => selectedSchedule(state));
  if (schedule === null) return null;
  const asOf = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    schedule.asOf,
  );
  return (
    <div className="rotation-facts">
      <dl>
        <dt>{t('rotation.kind')}</dt>
        <dd>{schedule.kind === 'local' ? t('rotation.kindLocal') : t('rotation.kindFeed')}</dd>
        <dt>{t('rotation.zone')}</dt>
        <dd>{schedule.timeZone ?? t('rotation.noZone')}</dd>
        {schedule.kind === 'feed' && (
          <>
            <dt>{t('rotation.source')}</dt>
            <dd className="rotation-source-text">{schedule.source}</dd>
          </>
        )}
        <dt>{schedule.kind === 'feed' ? t('rotation.asOf') : t('rotation.saved')}</dt>
        <dd>{asOf}</dd>
      </dl>
      {schedule.lastError !== null && (
        <p className="form-error" role="alert">
          {t('rotation.lastError', { error: schedule.lastError })}
        </p>
      )}
    </div>
  );
}
