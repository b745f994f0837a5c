// The P1 alert's effects in a window: which waiting P1s call for attention now (a snooze that ends brings its P1
// back at that moment, without waiting for the core), and the signals when one appears or is still waiting after
// each reminder period: the chime, a browser notification (browser mode) and the words a screen reader speaks.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaitingP1 } from '../../../src/api';
import { playChime } from '../alert-sound';
import { notifyP1 } from '../browser-notify';
import { activeP1s, chimeStep, nextReminderAt, nextSnoozeEnd, oneLine, type ChimeLog } from '../p1-alerts';
import { useOverviewStore } from './overview-store';

/** The waiting P1s that are not snoozed, re-read the moment a snooze ends. */
export function useActiveP1s(): WaitingP1[] {
  const overview = useOverviewStore((state) => state.overview);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const end = nextSnoozeEnd(overview, Date.now());
    if (end === null) return;
    const timer = setTimeout(() => setNow(Date.now()), end - Date.now() + 5);
    return () => clearTimeout(timer);
  }, [overview, now]);
  // The time is read anew with each overview: one that arrives later must not count a snooze that has ended.
  return useMemo(() => activeP1s(overview, Date.now()), [overview, now]);
}

export interface SignalOptions {
  /** Play the chime (one window per host does: the alert window in the app, the tab in browser mode). */
  sound: boolean;
  /** Show the browser's notification for a P1 that appears (browser mode, when the tab may). */
  notify: boolean;
  /** What clicking such a notification does with its ticket. */
  onOpen: (ticketId: number) => void;
}

/**
 * Chimes when a P1 appears and again each reminder period while it waits unsnoozed, notifies (once per appearance)
 * and returns the words for an assertive live region: the P1s that appeared last.
 */
export function useP1Signals(active: WaitingP1[], { sound, notify, onOpen }: SignalOptions): string {
  const { t } = useTranslation();
  const log = useRef<ChimeLog>(new Map());
  const [tick, setTick] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    const step = chimeStep(log.current, active, Date.now());
    log.current = step.log;
    if (sound && step.appeared.length + step.reminded.length > 0) playChime();
    const appeared = active.filter((p1) => step.appeared.includes(p1.id));
    if (appeared.length > 0) {
      setAnnouncement(
        appeared
          .map((p1) => t('p1.announce', { customer: oneLine(p1.customerName), subject: oneLine(p1.subject) }))
          .join(' '),
      );
      if (notify) for (const p1 of appeared) notifyP1(t, p1, onOpen);
    }
    const next = nextReminderAt(step.log);
    if (next === null) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, next - Date.now()));
    return () => clearTimeout(timer);
  }, [active, tick, sound, notify, onOpen, t]);
  return announcement;
}
