// Overrides of a schedule made in Piket: add one (a member of the schedule or someone else, from when to when on the
// wall clock of the zone the view shows, for the whole schedule or one layer) and remove those it has. The core's
// check names the problem's JSON path, shown at its field.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Override, Schedule } from '../../../src/rotation/model';
import { instantOfLocal, parseLocalDateTime, zoneOf } from '../../../src/rotation/local-time';
import { sameMember } from '../../../src/rotation/on-call';
import { type ScheduleProblem, scheduleProblems } from '../../../src/rotation/schedule-schema';
import { dateTimeIn } from '../rotation-calendar';
import { freshId } from '../schedule-form';
import { useRotationStore } from '../state/rotation-store';
import { Dialog } from './Dialog';
import { TextField } from './ScheduleEditor';

interface OverrideDialogProps {
  open: boolean;
  schedule: Schedule;
  /** The zone the start and end are typed in. */
  zone: string;
  onClose: () => void;
  onSaved: (message: string) => void;
}

const SOMEONE_ELSE = '';

/** Every member of the schedule's layers and overrides, each person once. */
function membersOf(schedule: Schedule): Member[] {
  const all: Member[] = [];
  for (const member of [
    ...schedule.layers.flatMap((layer) => layer.members),
    ...schedule.overrides.map((o) => o.member),
  ]) {
    if (!all.some((known) => sameMember(known, member))) all.push(member);
  }
  return all;
}

/** A datetime-local value on the zone's wall clock as an instant; null when empty or malformed. */
function instantOf(value: string, zone: string): number | null {
  const local = parseLocalDateTime(value.slice(0, 16));
  return local === null ? null : instantOfLocal(zoneOf(zone), local);
}

export function OverrideDialog({ open, schedule, zone, onClose, onSaved }: OverrideDialogProps) {
  const { t, i18n } = useTranslation();
  const ids = { title: useId(), member: useId(), scope: useId(), listTitle: useId() };
  const save = useRotationStore((state) => state.save);
  const members = membersOf(schedule);
  const [chosen, setChosen] = useState(SOMEONE_ELSE);
  const [other, setOther] = useState<Member>({ name: '' });
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [scope, setScope] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const firstMember = members[0]?.name ?? SOMEONE_ELSE;
  useEffect(() => {
    if (!open) return;
    setChosen(firstMember);
    setTried(false);
    setError(null);
  }, [open, firstMember]);

  const member = members.find((m) => m.name === chosen) ?? {
    name: other.name,
    ...(other.email?.trim() ? { email: other.email.trim() } : {}),
    ...(other.phone?.trim() ? { phone: other.phone.trim() } : {}),
  };
  const startAt = instantOf(start, zone);
  const endAt = instantOf(end, zone);
  const index = schedule.overrides.length;
  const override: Override = {
    id: freshId(`override-${member.name || 'someone'}`, new Set(schedule.overrides.map((o) => o.id))),
    start: startAt ?? Number.NaN,
    end: endAt ?? Number.NaN,
    member,
    ...(scope === '' ? {} : { layerId: scope }),
  };
  const draft: Schedule = { ...schedule, overrides: [...schedule.overrides, override] };
  const problems: ScheduleProblem[] = [
    ...(startAt === null
      ? [{ path: `overrides[${index}].start`, message: t('rotation.override.noTime') }]
      : []),
    ...(endAt === null ? [{ path: `overrides[${index}].end`, message: t('rotation.override.noTime') }] : []),
    ...scheduleProblems(draft).filter(
      (p) => !(p.path.endsWith('.start') && startAt === null) && !(p.path.endsWith('.end') && endAt === null),
    ),
  ];
  const shown = tried ? problems : [];
  const path = (field: string) => `overrides[${index}].${field}`;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setTried(true);
    setError(null);
    if (problems.length > 0) return;
    const saved = await save(draft);
    if (saved !== null) return setError(saved.message);
    setStart('');
    setEnd('');
    onSaved(t('rotation.override.saved', { name: member.name }));
  }

  async function remove(id: string): Promise<void> {
    const saved = await save({ ...schedule, overrides: schedule.overrides.filter((o) => o.id !== id) });
    if (saved !== null) setError(saved.message);
  }

  const layerName = (id: string | undefined) =>
    id === undefined
      ? t('rotation.override.whole')
      : t('rotation.override.inLayer', { layer: schedule.layers.find((l) => l.id === id)?.name ?? id });
  return (
    <Dialog open={open} onDismiss={onClose} labelledBy={ids.title} className="dialog-rotation-form">
      <form className="rotation-form" aria-labelledby={ids.title} noValidate onSubmit={(e) => void submit(e)}>
        <h2 id={ids.title}>{t('rotation.override.title', { schedule: schedule.name })}</h2>
        {shown.length > 0 && (
          <div className="form-error" role="alert">
            <ul className="rotation-problems">
              {shown.map((p) => (
                <li key={`${p.path}-${p.message}`}>{`${p.path}: ${p.message}`}</li>
              ))}
            </ul>
          </div>
        )}
        {error !== null && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-row">
          <div className="form-field">
            <label htmlFor={ids.member}>{t('rotation.override.member')}</label>
            <select id={ids.member} value={chosen} onChange={(event) => setChosen(event.target.value)}>
              {members.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                </option>
              ))}
              <option value={SOMEONE_ELSE}>{t('rotation.override.someoneElse')}</option>
            </select>
          </div>
          <div className="form-field">
            <label htmlFor={ids.scope}>{t('rotation.override.scope')}</label>
            <select id={ids.scope} value={scope} onChange={(event) => setScope(event.target.value)}>
              <option value="">{t('rotation.override.whole')}</option>
              {schedule.layers.map((layer) => (
                <option key={layer.id} value={layer.id}>
                  {t('rotation.override.inLayer', { layer: layer.name })}
                </option>
              ))}
            </select>
          </div>
        </div>
        {chosen === SOMEONE_ELSE && (
          <div className="form-row">
            <TextField
              label={t('rotation.editor.memberName')}
              path={path('member.name')}
              problems={shown}
              value={other.name}
              onChange={(name) => setOther({ ...other, name })}
            />
            <TextField
              label={t('rotation.email')}
              path={path('member.email')}
              problems={shown}
              type="email"
              value={other.email ?? ''}
              onChange={(email) => setOther({ ...other, email })}
            />
            <TextField
              label={t('rotation.phone')}
              path={path('member.phone')}
              problems={shown}
              type="tel"
              value={other.phone ?? ''}
              onChange={(phone) => setOther({ ...other, phone })}
            />
          </div>
        )}
        <div className="form-row">
          <TextField
            label={t('rotation.override.start', { zone })}
            path={path('start')}
            problems={shown}
            type="datetime-local"
            value={start}
            onChange={setStart}
          />
          <TextField
            label={t('rotation.override.end', { zone })}
            path={path('end')}
            problems={shown}
            type="datetime-local"
            value={end}
            onChange={setEnd}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('rotation.close')}
          </button>
          <button type="submit">{t('rotation.override.submit')}</button>
        </div>
      </form>
      <section className="rotation-section" aria-labelledby={ids.listTitle}>
        <h3 id={ids.listTitle}>{t('rotation.override.existing')}</h3>
        {schedule.overrides.length === 0 ? (
          <p className="muted">{t('rotation.override.none')}</p>
        ) : (
          <ul className="rotation-items">
            {schedule.overrides.map((o) => (
              <li key={o.id} className="rotation-override-item">
                {t('rotation.override.item', {
                  name: o.member.name,
                  from: dateTimeIn(o.start, zone, i18n.language),
                  until: dateTimeIn(o.end, zone, i18n.language),
                  scope: layerName(o.layerId),
                })}{' '}
                <button
                  type="button"
                  aria-label={t('rotation.override.removeNamed', {
                    name: o.member.name,
                    from: dateTimeIn(o.start, zone, i18n.language),
                  })}
                  onClick={() => void remove(o.id)}
                >
                  {t('rotation.override.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Dialog>
  );
}
