// The rotation view's "now": who holds the pager now and until when, who takes it next and from when, and my next
// shift (or that I am on call now), each with a contact card; times on the wall clock of the zone the view shows.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RangeShiftView, ScheduleRange } from '../../../src/api';
import { dateTimeIn } from '../rotation-calendar';
import { MemberCard } from './MemberCard';

interface RotationNowProps {
  range: ScheduleRange;
  zone: string;
}

export function RotationNow({ range, zone }: RotationNowProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const when = (instant: number | null) =>
    instant === null ? t('rotation.beyondHorizon') : dateTimeIn(instant, zone, i18n.language);
  const span = (shift: RangeShiftView) =>
    t('rotation.span', { from: when(shift.start), until: when(shift.end) });
  return (
    <section className="rotation-now" aria-labelledby={titleId}>
      <h3 id={titleId} className="visually-hidden">
        {t('rotation.nowTitle')}
      </h3>
      <div className="rotation-now-grid">
        <div className="rotation-now-item">
          <p className="rotation-now-label">{t('rotation.onCallNow')}</p>
          {range.onCall.length === 0 ? (
            <p className="rotation-gap-text">{t('rotation.nobodyNow')}</p>
          ) : (
            range.onCall.map((shift) => (
              <div key={`${shift.person}-${shift.start}`}>
                <MemberCard member={shift.member} />
                <p className="muted">{t('rotation.until', { until: when(shift.end) })}</p>
              </div>
            ))
          )}
        </div>
        <div className="rotation-now-item">
          <p className="rotation-now-label">{t('rotation.next')}</p>
          {range.next === null ? (
            <p className="muted">{t('rotation.noNext')}</p>
          ) : (
            <>
              <MemberCard member={range.next.member} />
              <p className="muted">{span(range.next)}</p>
            </>
          )}
        </div>
        <div className="rotation-now-item">
          <p className="rotation-now-label">{t('rotation.mine')}</p>
          <p>
            {range.mine === null
              ? t('rotation.noMine')
              : range.mine.current
                ? t('rotation.mineNow', { until: when(range.mine.end) })
                : span(range.mine)}
          </p>
        </div>
      </div>
    </section>
  );
}
