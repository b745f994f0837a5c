// A shared clock for relative times and SLA countdowns: one timer per view (list, pane) instead of one per
// row, aligned to the interval's boundaries, and stopped while the window is hidden (re-read when it shows).
import { useEffect, useState } from 'react';

export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (): void => {
      clearTimeout(timer);
      if (document.visibilityState === 'hidden') return;
      // A few ms past the boundary, so a countdown shows the new second rather than the old one twice.
      timer = setTimeout(tick, intervalMs - (Date.now() % intervalMs) + 5);
    };
    const tick = (): void => {
      setNow(Date.now());
      schedule();
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'visible') tick();
      else clearTimeout(timer);
    };
    schedule();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs]);
  return now;
}
