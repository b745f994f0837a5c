// Create or edit a schedule made in Piket: its name and zone, and its layers — members (name, e-mail, phone, the
// zone they live in), a rotation of every N hours, days or weeks, the handoff time, the first day, an optional last
// day and restrictions (daily or weekly windows). The core's own check (scheduleProblems) runs on every change;
// after a first "Save" its messages, each naming the JSON path, stand at their fields and in a list at the top. The
// schedule's overrides are kept as they are (they have their own form).
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Restriction, RotationUnit, Schedule } from '../../../src/rotation/model';
import { type ScheduleProblem, scheduleProblems } from '../../../src/rotation/schedule-schema';
import {
  freshId,
  type LayerForm,
  newLayer,
  problemsAt,
  scheduleForm,
  type ScheduleForm,
  scheduleOf,
  shownProblems,
} from '../schedule-form';
import { useRotationStore } from '../state/rotation-store';
import { Dialog } from './Dialog';

interface ScheduleEditorProps {
  open: boolean;
  /** The schedule to edit; null: a new one. */
  schedule: Schedule | null;
  /** The zone and first day of a new schedule. */
  zone: string;
  today: string;
  onClose: () => void;
  onSaved: (name: string) => void;
}

const UNITS: readonly RotationUnit[] = ['hours', 'days', 'weeks'];
const ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

export function ScheduleEditor({ open, schedule, zone, today, onClose, onSaved }: ScheduleEditorProps) {
  const { t } = useTranslation();
  const ids = { title: useId(), summary: useId(), zones: useId() };
  const schedules = useRotationStore((state) => state.schedules);
  const save = useRotationStore((state) => state.save);
  const [form, setForm] = useState<ScheduleForm>(() => scheduleForm(schedule, zone, today));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!open) return;
    setForm(scheduleForm(schedule, zone, today));
    setTried(false);
    setSaveError(null);
  }, [open, schedule, zone, today]);

  const takenIds = useMemo(
    () => new Set((schedules ?? []).filter((s) => s.id !== schedule?.id).map((s) => s.id)),
    [schedules, schedule],
  );
  const draft = scheduleOf(form, schedule?.overrides ?? [], takenIds);
  const problems = shownProblems(scheduleProblems(draft));
  const shown = tried ? problems : [];

  const update = (change: (form: ScheduleForm) => ScheduleForm) => setForm((current) => change(current));
  const updateLayer = (index: number, change: (layer: LayerForm) => LayerForm) =>
    update((current) => ({
      ...current,
      layers: current.layers.map((layer, i) => (i === index ? change(layer) : layer)),
    }));

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setTried(true);
    setSaveError(null);
    if (problems.length > 0) {
      // After React has marked the fields, the first one with a problem takes the focus.
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setBusy(true);
    const error = await save(draft);
    setBusy(false);
    if (error !== null) return setSaveError(error.message);
    onSaved(draft.name);
  }

  return (
    <Dialog open={open} onDismiss={onClose} labelledBy={ids.title} className="dialog-rotation-form">
      <form
        ref={formRef}
        className="rotation-form"
        aria-labelledby={ids.title}
        noValidate
        onSubmit={(e) => void submit(e)}
      >
        <h2 id={ids.title}>
          {schedule === null ? t('rotation.editor.newTitle') : t('rotation.editor.editTitle')}
        </h2>
        {shown.length > 0 && (
          <div className="form-error" role="alert" id={ids.summary}>
            <p>{t('rotation.editor.problems', { count: shown.length })}</p>
            <ul className="rotation-problems">
              {shown.map((problem) => (
                <li key={`${problem.path}-${problem.message}`}>{describe(problem)}</li>
              ))}
            </ul>
          </div>
        )}
        {saveError !== null && (
          <p className="form-error" role="alert">
            {saveError}
          </p>
        )}
        <div className="form-row">
          <TextField
            label={t('rotation.editor.name')}
            path="name"
            problems={shown}
            value={form.name}
            onChange={(name) => update((current) => ({ ...current, name }))}
          />
          <TextField
            label={t('rotation.editor.zone')}
            path="timeZone"
            problems={shown}
            value={form.timeZone}
            list={ids.zones}
            hint={t('rotation.editor.zoneHint')}
            onChange={(timeZone) => update((current) => ({ ...current, timeZone }))}
          />
          <datalist id={ids.zones}>
            {ZONES.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        {form.layers.map((layer, index) => (
          <LayerFields
            key={layer.id}
            layer={layer}
            index={index}
            problems={shown}
            canRemove={form.layers.length > 1}
            onChange={(change) => updateLayer(index, change)}
            onRemove={() =>
              update((current) => ({ ...current, layers: current.layers.filter((_, i) => i !== index) }))
            }
          />
        ))}
        <button
          type="button"
          onClick={() =>
            update((current) => {
              const id = freshId('layer', new Set(current.layers.map((l) => l.id)));
              return { ...current, layers: [...current.layers, newLayer(id, '', today)] };
            })
          }
        >
          {t('rotation.editor.addLayer')}
        </button>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('rotation.cancel')}
          </button>
          <button type="submit" disabled={busy}>
            {t('rotation.editor.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function describe(problem: ScheduleProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

interface TextFieldProps {
  label: string;
  path: string;
  problems: readonly ScheduleProblem[];
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date' | 'datetime-local' | 'email' | 'tel';
  hint?: string;
  list?: string;
  placeholder?: string;
}

/** A labelled input with its hint and, under it, the problems at its JSON path. */
export function TextField({
  label,
  path,
  problems,
  value,
  onChange,
  type = 'text',
  hint,
  list,
  placeholder,
}: TextFieldProps) {
  const id = useId();
  const hintId = useId();
  const problemId = useId();
  const messages = problemsAt(problems, path);
  const describedBy = [hint ? hintId : null, messages.length > 0 ? problemId : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        list={list}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={messages.length > 0}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && (
        <p id={hintId} className="form-hint">
          {hint}
        </p>
      )}
      {messages.length > 0 && (
        <p id={problemId} className="form-error">
          {messages.join(' ')}
        </p>
      )}
    </div>
  );
}

/** The problems at a group's own path (a list that is empty, say), under its legend. */
function GroupProblems({ problems, path }: { problems: readonly ScheduleProblem[]; path: string }) {
  const messages = problemsAt(problems, path);
  return messages.length > 0 ? <p className="form-error">{messages.join(' ')}</p> : null;
}

interface LayerFieldsProps {
  layer: LayerForm;
  index: number;
  problems: readonly ScheduleProblem[];
  canRemove: boolean;
  onChange: (change: (layer: LayerForm) => LayerForm) => void;
  onRemove: () => void;
}

function LayerFields({ layer, index, problems, canRemove, onChange, onRemove }: LayerFieldsProps) {
  const { t } = useTranslation();
  const ids = { every: useId(), everyProblem: useId(), unit: useId(), rotation: useId() };
  const path = `layers[${index}]`;
  const everyProblems = problemsAt(problems, `${path}.rotation.every`);
  const setMember = (at: number, change: Partial<Member>) =>
    onChange((current) => ({
      ...current,
      members: current.members.map((m, i) => (i === at ? { ...m, ...change } : m)),
    }));
  const setRestriction = (at: number, restriction: Restriction) =>
    onChange((current) => ({
      ...current,
      restrictions: current.restrictions.map((r, i) => (i === at ? restriction : r)),
    }));
  const legend = t('rotation.editor.layer', { number: index + 1, name: layer.name });
  return (
    <fieldset>
      <legend>{legend}</legend>
      <GroupProblems problems={problems} path={path} />
      <div className="form-row">
        <TextField
          label={t('rotation.editor.layerName')}
          path={`${path}.name`}
          problems={problems}
          value={layer.name}
          onChange={(name) => onChange((current) => ({ ...current, name }))}
        />
        <div className="form-field">
          <span id={ids.rotation}>{t('rotation.editor.rotation')}</span>
          <div className="form-row" role="group" aria-labelledby={ids.rotation}>
            <label className="visually-hidden" htmlFor={ids.every}>
              {t('rotation.editor.every')}
            </label>
            <input
              id={ids.every}
              type="number"
              min={1}
              step={1}
              value={layer.every}
              className="rotation-every"
              aria-invalid={everyProblems.length > 0}
              aria-describedby={everyProblems.length > 0 ? ids.everyProblem : undefined}
              onChange={(event) => onChange((current) => ({ ...current, every: event.target.value }))}
            />
            <label className="visually-hidden" htmlFor={ids.unit}>
              {t('rotation.editor.unit')}
            </label>
            <select
              id={ids.unit}
              value={layer.unit}
              onChange={(event) =>
                onChange((current) => ({ ...current, unit: event.target.value as RotationUnit }))
              }
            >
              {UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {t(`rotation.editor.units.${unit}`)}
                </option>
              ))}
            </select>
          </div>
          {everyProblems.length > 0 && (
            <p id={ids.everyProblem} className="form-error">
              {everyProblems.join(' ')}
            </p>
          )}
        </div>
        <TextField
          label={t('rotation.editor.handoff')}
          path={`${path}.handoff`}
          problems={problems}
          value={layer.handoff}
          placeholder="09:00"
          hint={t('rotation.editor.handoffHint')}
          onChange={(handoff) => onChange((current) => ({ ...current, handoff }))}
        />
        <TextField
          label={t('rotation.editor.start')}
          path={`${path}.start`}
          problems={problems}
          type="date"
          value={layer.startDate}
          onChange={(startDate) => onChange((current) => ({ ...current, startDate }))}
        />
        <TextField
          label={t('rotation.editor.end')}
          path={`${path}.end`}
          problems={problems}
          type="date"
          value={layer.endDate}
          hint={t('rotation.editor.endHint')}
          onChange={(endDate) => onChange((current) => ({ ...current, endDate }))}
        />
      </div>
      <Group title={t('rotation.editor.members')}>
        <GroupProblems problems={problems} path={`${path}.members`} />
        {layer.members.map((member, at) => {
          const memberPath = `${path}.members[${at}]`;
          return (
            <fieldset key={at}>
              <legend>{t('rotation.editor.member', { number: at + 1 })}</legend>
              <div className="form-row">
                <TextField
                  label={t('rotation.editor.memberName')}
                  path={`${memberPath}.name`}
                  problems={problems}
                  value={member.name}
                  onChange={(name) => setMember(at, { name })}
                />
                <TextField
                  label={t('rotation.email')}
                  path={`${memberPath}.email`}
                  problems={problems}
                  type="email"
                  value={member.email ?? ''}
                  onChange={(email) => setMember(at, { email })}
                />
                <TextField
                  label={t('rotation.phone')}
                  path={`${memberPath}.phone`}
                  problems={problems}
                  type="tel"
                  value={member.phone ?? ''}
                  onChange={(phone) => setMember(at, { phone })}
                />
                <TextField
                  label={t('rotation.memberZone')}
                  path={`${memberPath}.timeZone`}
                  problems={problems}
                  value={member.timeZone ?? ''}
                  onChange={(timeZone) => setMember(at, { timeZone })}
                />
              </div>
              <button
                type="button"
                aria-label={t('rotation.editor.removeMemberNamed', { number: at + 1 })}
                onClick={() =>
                  onChange((current) => ({ ...current, members: current.members.filter((_, i) => i !== at) }))
                }
              >
                {t('rotation.editor.removeMember')}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() => onChange((current) => ({ ...current, members: [...current.members, { name: '' }] }))}
        >
          {t('rotation.editor.addMember')}
        </button>
      </Group>
      <Group title={t('rotation.editor.restrictions')} hint={t('rotation.editor.restrictionsHint')}>
        {layer.restrictions.map((restriction, at) => (
          <RestrictionFields
            key={at}
            restriction={restriction}
            number={at + 1}
            path={`${path}.restrictions[${at}]`}
            problems={problems}
            onChange={(next) => setRestriction(at, next)}
            onRemove={() =>
              onChange((current) => ({
                ...current,
                restrictions: current.restrictions.filter((_, i) => i !== at),
              }))
            }
          />
        ))}
        <button
          type="button"
          onClick={() =>
            onChange((current) => ({
              ...current,
              restrictions: [...current.restrictions, { kind: 'daily', from: '18:00', to: '08:00' }],
            }))
          }
        >
          {t('rotation.editor.addRestriction')}
        </button>
      </Group>
      {canRemove && (
        <button type="button" onClick={onRemove}>
          {t('rotation.editor.removeLayer', { number: index + 1 })}
        </button>
      )}
    </fieldset>
  );
}

function Group({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <div className="rotation-group" role="group" aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      {hint && <p className="form-hint">{hint}</p>}
      {children}
    </div>
  );
}

interface RestrictionFieldsProps {
  restriction: Restriction;
  number: number;
  path: string;
  problems: readonly ScheduleProblem[];
  onChange: (restriction: Restriction) => void;
  onRemove: () => void;
}

function RestrictionFields({
  restriction,
  number,
  path,
  problems,
  onChange,
  onRemove,
}: RestrictionFieldsProps) {
  const { t, i18n } = useTranslation();
  const ids = { kind: useId(), fromDay: useId(), toDay: useId() };
  const weekday = (day: number) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' }).format(
      (3 + day) * 86_400_000,
    );
  const daySelect = (id: string, label: string, value: number, set: (day: number) => void) => (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => set(Number(event.target.value))}>
        {[1, 2, 3, 4, 5, 6, 7].map((day) => (
          <option key={day} value={day}>
            {weekday(day)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <fieldset>
      <legend>{t('rotation.editor.restriction', { number })}</legend>
      <div className="form-row">
        <div className="form-field">
          <label htmlFor={ids.kind}>{t('rotation.editor.restrictionKind')}</label>
          <select
            id={ids.kind}
            value={restriction.kind}
            onChange={(event) =>
              onChange(
                event.target.value === 'daily'
                  ? { kind: 'daily', from: restriction.from, to: restriction.to }
                  : { kind: 'weekly', fromDay: 1, from: restriction.from, toDay: 5, to: restriction.to },
              )
            }
          >
            <option value="daily">{t('rotation.editor.daily')}</option>
            <option value="weekly">{t('rotation.editor.weekly')}</option>
          </select>
        </div>
        {restriction.kind === 'weekly' &&
          daySelect(ids.fromDay, t('rotation.editor.fromDay'), restriction.fromDay, (fromDay) =>
            onChange({ ...restriction, fromDay }),
          )}
        <TextField
          label={t('rotation.editor.from')}
          path={`${path}.from`}
          problems={problems}
          value={restriction.from}
          placeholder="18:00"
          onChange={(from) => onChange({ ...restriction, from })}
        />
        {restriction.kind === 'weekly' &&
          daySelect(ids.toDay, t('rotation.editor.toDay'), restriction.toDay, (toDay) =>
            onChange({ ...restriction, toDay }),
          )}
        <TextField
          label={t('rotation.editor.to')}
          path={`${path}.to`}
          problems={problems}
          value={restriction.to}
          placeholder="08:00"
          onChange={(to) => onChange({ ...restriction, to })}
        />
      </div>
      <button type="button" onClick={onRemove}>
        {t('rotation.editor.removeRestriction', { number })}
      </button>
    </fieldset>
  );
}
