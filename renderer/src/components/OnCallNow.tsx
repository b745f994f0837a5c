// "On call now" in the header: who holds the pager in the schedule I take part in (else the first schedule), as a
// button that opens the rotation view (also the `o` key). The names come with the schedules (`listSchedules`,
// then `schedulesChanged`); they are re-read each minute, so a handoff shows without any change to a schedule.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { preferredSchedule, useRotationStore } from '../state/rotation-store';
import { useNow } from '../use-now';

export function OnCallNow() {
  const { t } = useTranslation();
  const schedules = useRotationStore((state) => state.schedules);
  const load = useRotationStore((state) => state.load);
  const openView = useRotationStore((state) => state.openView);
  const now = useNow(60_000);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else void load();
  }, [now, load]);

  if (schedules === null) return null;
  const schedule = preferredSchedule(schedules);
  const names = schedule?.onCallNow ?? [];
  return (
    <button
      type="button"
      className={schedule !== null && names.length === 0 ? 'on-call-now on-call-gap' : 'on-call-now'}
      aria-keyshortcuts="o"
      title={t('rotation.headerTitle')}
      onClick={openView}
    >
      {schedule === null ? (
        t('rotation.headerNone')
      ) : (
        <>
          <span className="on-call-label">{t('rotation.headerLabel')}</span>{' '}
          <strong>{names.length > 0 ? names.join(', ') : t('rotation.nobody')}</strong>
          <span className="on-call-schedule"> ({schedule.name})</span>
        </>
      )}
    </button>
  );
}
