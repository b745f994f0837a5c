// The queue's Due column: the nearest unmet SLA deadline as a live countdown, how long ago it was breached, or
// that the ticket's SLA could not be computed; "≈" and the label mark clocks that are estimates.
import { useTranslation } from 'react-i18next';
import type { SlaBrief } from '../../../src/api';
import { queueDue } from '../sla-live';
import { agoSpan, compactSpan, formatDeadline, secondsSince, secondsUntil, workSpan } from '../sla-format';

interface DueCellProps {
  sla: SlaBrief | null;
  /** Why the ticket's SLA could not be computed, or null. */
  slaError: string | null;
  now: number;
}

export function DueCell({ sla, slaError, now }: DueCellProps) {
  const { t, i18n } = useTranslation();
  if (slaError !== null) {
    return (
      <span
        className="cell cell-due due-unavailable"
        title={t('sla.unavailableReason', { reason: slaError })}
        data-due-kind="unavailable"
      >
        {t('sla.unavailable')}
      </span>
    );
  }
  const due = queueDue(sla, now);
  if (!due) return <span className="cell cell-due" />;

  const target = due.clock ? t(`sla.target.${due.clock.target}`) : t('sla.title');
  let text: string;
  let label: string;
  let classes = 'cell cell-due';
  if (due.kind === 'breached') {
    text = t('sla.due.breachedAgo', { time: agoSpan(t, secondsSince(due.dueAt, now)) });
    label = t('sla.due.breachedLabel', { target, when: formatDeadline(due.dueAt, i18n.language) });
    classes += ' due-breached';
  } else if (due.kind === 'paused') {
    text = t('sla.due.paused');
    label = t('sla.due.pausedLabel', { target, left: workSpan(t, due.clock.remainingSeconds) });
    classes += ` due-paused due-${due.level}`;
  } else {
    text = t('sla.due.in', { time: compactSpan(t, secondsUntil(due.dueAt, now)) });
    label = t('sla.due.runningLabel', { target, when: formatDeadline(due.dueAt, i18n.language) });
    classes += ` due-running due-${due.level}`;
  }
  // Clocks rebuilt from timestamps (no reported history) are estimates: marked, and said in the label.
  const approximate = sla?.approximate === true;
  if (approximate) {
    label = t('sla.due.approximateLabel', { label });
    classes += ' due-approximate';
  }
  return (
    <span className={classes} title={label} aria-label={`${label} (${text})`} data-due-kind={due.kind}>
      {approximate && <span aria-hidden="true">≈ </span>}
      {due.kind === 'paused' ? text : <time dateTime={new Date(due.dueAt).toISOString()}>{text}</time>}
    </span>
  );
}
