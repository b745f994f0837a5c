// The rotation view's calendar: a week (a row per day, with a bar that draws the day) or a month (a grid of days),
// each day a list of who is on call when, where nobody is (a gap, said in words and hatched) and where claims
// overlap, with a line at now. Times are on the wall clock of the zone chosen; the days are that zone's days, so a
// DST day is 23 or 25 hours long. The bars are drawings only: the lists say it all.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type CalendarDay, clockTime, type DayItem, dayLabel, dayOf, itemsOfDay } from '../rotation-calendar';
import type { ShownRange } from '../state/rotation-store';

interface RotationCalendarProps {
  shown: ShownRange;
  now: number;
}

export function RotationCalendar({ shown, now }: RotationCalendarProps) {
  const { t, i18n } = useTranslation();
  const { period, zone } = shown;
  const today = dayOf(now, zone);
  if (period.mode === 'week') {
    return (
      <div className="rotation-week">
        {period.days.map((day) => (
          <RotationDay key={day.day} shown={shown} day={day} now={now} isToday={day.day === today} />
        ))}
      </div>
    );
  }
  const blanks = (((period.days[0]!.day + 3) % 7) + 7) % 7;
  return (
    <div className="rotation-month">
      {Array.from({ length: 7 }, (_, i) => (
        <div key={`weekday-${i}`} className="rotation-weekday" aria-hidden="true">
          {new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' }).format(
            (4 + i) * 86_400_000,
          )}
        </div>
      ))}
      {Array.from({ length: blanks }, (_, i) => (
        <div key={`blank-${i}`} className="rotation-blank" aria-hidden="true" />
      ))}
      {period.days.map((day) => (
        <RotationDay key={day.day} shown={shown} day={day} now={now} isToday={day.day === today} compact />
      ))}
      <p className="visually-hidden">{t('rotation.monthNote')}</p>
    </div>
  );
}

interface RotationDayProps {
  shown: ShownRange;
  day: CalendarDay;
  now: number;
  isToday: boolean;
  compact?: boolean;
}

function RotationDay({ shown, day, now, isToday, compact = false }: RotationDayProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const items = itemsOfDay(shown.range, day);
  const nowHere = day.start <= now && now < day.end;
  const nowAt = nowHere ? items.findIndex((item) => item.start > now) : -1;
  const nowLine = (
    <li key="now" className="rotation-now-line">
      <span className="rotation-time">{clockTime(now, shown.zone)}</span> {t('rotation.nowLine')}
    </li>
  );
  const listed = items.map((item) => (
    <RotationItem
      key={`${item.kind}-${item.start}-${item.end}`}
      item={item}
      day={day}
      zone={shown.zone}
      compact={compact}
    />
  ));
  if (nowHere) listed.splice(nowAt === -1 ? listed.length : nowAt, 0, nowLine);
  return (
    <section className={isToday ? 'rotation-day rotation-today' : 'rotation-day'} aria-labelledby={headingId}>
      <h4 id={headingId} className="rotation-day-title">
        {dayLabel(day.day, i18n.language, !compact)}
        {isToday && <span className="rotation-today-tag"> · {t('rotation.today')}</span>}
      </h4>
      {!compact && <DayBar items={items} day={day} now={nowHere ? now : null} />}
      {listed.length > 0 ? (
        <ul className="rotation-items">{listed}</ul>
      ) : (
        <p className="muted">{t('rotation.emptyDay')}</p>
      )}
    </section>
  );
}

function RotationItem({
  item,
  day,
  zone,
  compact,
}: {
  item: DayItem;
  day: CalendarDay;
  zone: string;
  compact: boolean;
}) {
  const { t } = useTranslation();
  const time = (
    <span className="rotation-time">
      <time dateTime={new Date(item.start).toISOString()}>{clockTime(item.start, zone, day)}</time>–
      <time dateTime={new Date(item.end).toISOString()}>{clockTime(item.end, zone, day)}</time>
    </span>
  );
  if (item.kind === 'gap') {
    return (
      <li className="rotation-gap">
        {time} <strong>{t('rotation.gap')}</strong>
      </li>
    );
  }
  if (item.kind === 'overlap') {
    const [first, ...rest] = item.overlap.people;
    return (
      <li className="rotation-overlap">
        {time} {t('rotation.overlap', { first, rest: rest.join(', ') })}
      </li>
    );
  }
  const { entry } = item;
  const source =
    entry.source === 'override'
      ? entry.layerName === null
        ? t('rotation.overrideWhole')
        : t('rotation.overrideLayer', { layer: entry.layerName })
      : entry.source === 'layer'
        ? entry.layerName
        : null;
  return (
    <li className={`rotation-entry rotation-source-${entry.source}`}>
      {time} <span className="rotation-person">{entry.person}</span>
      {source !== null && !compact && <span className="rotation-layer"> · {source}</span>}
      {entry.source === 'override' && compact && (
        <span className="rotation-layer"> · {t('rotation.overrideShort')}</span>
      )}
    </li>
  );
}

/** The day drawn as a bar: who holds which part, gaps hatched, the line at now. Hidden from assistive technology. */
function DayBar({ items, day, now }: { items: DayItem[]; day: CalendarDay; now: number | null }) {
  const length = day.end - day.start;
  const at = (instant: number) => `${((instant - day.start) / length) * 100}%`;
  const width = (item: DayItem) => `${((item.end - item.start) / length) * 100}%`;
  return (
    <div className="rotation-bar" aria-hidden="true">
      {items
        .filter((item) => item.kind !== 'overlap')
        .map((item) => (
          <span
            key={`${item.kind}-${item.start}`}
            className={
              item.kind === 'gap'
                ? 'rotation-bar-gap'
                : `rotation-bar-entry rotation-source-${item.entry.source}`
            }
            style={{ left: at(item.start), width: width(item) }}
          />
        ))}
      {now !== null && <span className="rotation-bar-now" style={{ left: at(now) }} />}
    </div>
  );
}
