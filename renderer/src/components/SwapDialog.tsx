// Swap two shifts of a schedule made in Piket: pick two of its layers' shifts in the period the view shows, and the
// swap becomes two overrides (src/rotation/swap.ts): each member takes the other's time. Why a swap cannot be made
// (the same person twice, shifts that overlap) is said in the form.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleRange } from '../../../src/api';
import type { LayerShift, Schedule } from '../../../src/rotation/model';
import { swapShifts } from '../../../src/rotation/swap';
import { dateTimeIn } from '../rotation-calendar';
import { useRotationStore } from '../state/rotation-store';
import { Dialog } from './Dialog';

interface SwapDialogProps {
  open: boolean;
  schedule: Schedule;
  range: ScheduleRange;
  zone: string;
  onClose: () => void;
  onSaved: (message: string) => void;
}

const keyOf = (shift: LayerShift) => `${shift.layerId}:${shift.turn}:${shift.start}`;

export function SwapDialog({ open, schedule, range, zone, onClose, onSaved }: SwapDialogProps) {
  const { t, i18n } = useTranslation();
  const ids = { title: useId(), first: useId(), second: useId(), error: useId() };
  const save = useRotationStore((state) => state.save);
  const shifts = range.layers.flatMap((layer) =>
    layer.shifts.map((shift) => ({ shift, layerName: layer.layerName })),
  );
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [error, setError] = useState<string | null>(null);

  const label = ({ shift, layerName }: (typeof shifts)[number]) =>
    t('rotation.swap.shift', {
      layer: layerName,
      name: shift.member.name,
      from: dateTimeIn(shift.start, zone, i18n.language),
      until: dateTimeIn(shift.end, zone, i18n.language),
    });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const a = shifts.find((s) => keyOf(s.shift) === first)?.shift;
    const b = shifts.find((s) => keyOf(s.shift) === second)?.shift;
    if (a === undefined || b === undefined) return setError(t('rotation.swap.pickTwo'));
    let overrides;
    try {
      overrides = swapShifts(schedule, a, b);
    } catch (problem) {
      if (!(problem instanceof RangeError)) throw problem;
      return setError(problem.message.replace(/^Rotation: /, ''));
    }
    const saved = await save({ ...schedule, overrides: [...schedule.overrides, ...overrides] });
    if (saved !== null) return setError(saved.message);
    setError(null);
    setFirst('');
    setSecond('');
    onSaved(t('rotation.swap.saved', { first: a.member.name, second: b.member.name }));
  }

  const choice = (id: string, text: string, value: string, set: (value: string) => void) => (
    <div className="form-field">
      <label htmlFor={id}>{text}</label>
      <select
        id={id}
        value={value}
        aria-describedby={error === null ? undefined : ids.error}
        onChange={(event) => set(event.target.value)}
      >
        <option value="">{t('rotation.swap.choose')}</option>
        {shifts.map((s) => (
          <option key={keyOf(s.shift)} value={keyOf(s.shift)}>
            {label(s)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <Dialog open={open} onDismiss={onClose} labelledBy={ids.title} className="dialog-rotation-form">
      <form className="rotation-form" aria-labelledby={ids.title} onSubmit={(e) => void submit(e)}>
        <h2 id={ids.title}>{t('rotation.swap.title')}</h2>
        <p className="form-hint">{t('rotation.swap.hint', { zone })}</p>
        {shifts.length === 0 && <p>{t('rotation.swap.noShifts')}</p>}
        {choice(ids.first, t('rotation.swap.first'), first, setFirst)}
        {choice(ids.second, t('rotation.swap.second'), second, setSecond)}
        {error !== null && (
          <p id={ids.error} className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('rotation.cancel')}
          </button>
          <button type="submit">{t('rotation.swap.submit')}</button>
        </div>
      </form>
    </Dialog>
  );
}
