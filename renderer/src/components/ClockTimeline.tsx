// A clock's life as a bar: running, paused and stopped stretches, markers at the warning thresholds, the
// deadline and now, and a text legend with the wall-clock time spent in each state (the bar is decoration).
import { useTranslation } from 'react-i18next';
import type { ClockSegment, SlaClock } from '../../../src/sla/clock-types';
import { percent } from '../contracts-summary';
import { agoSpan, formatDeadline } from '../sla-format';

type SegmentState = ClockSegment['state'];
const SEGMENT_STATES: readonly SegmentState[] = ['running', 'paused', 'stopped'];

/** Room after the last instant, so the markers at the end stay inside the bar. */
const TAIL = 0.03;

export function ClockTimeline({ clock, now }: { clock: SlaClock; now: number }) {
  const { t, i18n } = useTranslation();
  const { segments } = clock;
  const first = segments[0];
  if (!first) return null;

  // A met (or stopped) clock's bar ends at its deadline or when it was met, whichever is later; a live one at now.
  const met = clock.metAt !== null || clock.stoppedAt !== null;
  const start = first.from;
  const settled = segments.flatMap((segment) => [segment.from, segment.to ?? segment.from]);
  const end = met
    ? Math.max(clock.dueAt, clock.metAt ?? clock.stoppedAt ?? 0, ...settled)
    : Math.max(now, clock.dueAt, ...settled);
  const ends = segments.map((segment) => segment.to ?? (met ? end : now));
  const span = Math.max(1, (end - start) * (1 + TAIL));
  const at = (instant: number): string => `${(Math.min(Math.max(instant - start, 0), span) / span) * 100}%`;
  const width = (from: number, to: number): string => `${(Math.max(0, to - from) / span) * 100}%`;

  const totals = new Map<SegmentState, number>();
  segments.forEach((segment, i) => {
    if (met && segment.to === null) return; // after the clock was met: drawn, but not time "spent"
    const to = ends[i] ?? now;
    totals.set(segment.state, (totals.get(segment.state) ?? 0) + Math.max(0, to - segment.from));
  });
  const thresholds = clock.thresholdInstants.filter(
    (threshold): threshold is { fraction: number; at: number } => threshold.at !== null,
  );

  return (
    <div className="timeline">
      <div className="timeline-track" aria-hidden="true">
        {segments.map((segment, i) => (
          <div
            key={segment.from}
            className={`tl-segment tl-${segment.state}`}
            style={{ left: at(segment.from), width: width(segment.from, ends[i] ?? now) }}
          />
        ))}
        {thresholds.map((threshold) => (
          <div
            key={threshold.fraction}
            className="tl-mark tl-threshold"
            style={{ left: at(threshold.at) }}
            title={percent(threshold.fraction)}
          />
        ))}
        <div className="tl-mark tl-due" style={{ left: at(clock.dueAt) }} />
        {!met && <div className="tl-mark tl-now" style={{ left: at(now) }} />}
      </div>
      <div className="timeline-axis" aria-hidden="true">
        <span>{formatDeadline(start, i18n.language)}</span>
        <span>{formatDeadline(end, i18n.language)}</span>
      </div>
      <ul className="timeline-legend" aria-label={t('sla.timeline.label')}>
        {SEGMENT_STATES.filter((state) => totals.has(state)).map((state) => (
          <li key={state}>
            <span className={`tl-swatch tl-${state}`} aria-hidden="true" />
            {t(`sla.timeline.${state}`, { time: agoSpan(t, (totals.get(state) ?? 0) / 1000) })}
          </li>
        ))}
        {thresholds.length > 0 && (
          <li>
            <span className="tl-key tl-threshold" aria-hidden="true" />
            {t('sla.timeline.warnings', {
              fractions: thresholds.map((th) => percent(th.fraction)).join(', '),
            })}
          </li>
        )}
        <li>
          <span className="tl-key tl-due" aria-hidden="true" />
          {t('sla.timeline.due')}
        </li>
        {!met && (
          <li>
            <span className="tl-key tl-now" aria-hidden="true" />
            {t('sla.timeline.now')}
          </li>
        )}
      </ul>
    </div>
  );
}
