// Follows the core's overview for the shell (the tray and the P1 alert window): reads it once, then takes every
// overviewChanged event, and hands on only what is newer than what it handed on before, so a first read that
// answers after an event never puts an older picture back.
import type { Overview, Unsubscribe } from '../src/api/contract';

export interface OverviewSource {
  getOverview(): Promise<Overview> | Overview;
  onOverview(listener: (overview: Overview) => void): Unsubscribe;
}

export function followOverview(
  source: OverviewSource,
  listener: (overview: Overview) => void,
  onError: (error: unknown) => void,
): Unsubscribe {
  let newest = -Infinity;
  let stopped = false;
  const take = (overview: Overview): void => {
    if (stopped || overview.computedAt < newest) return;
    newest = overview.computedAt;
    try {
      listener(overview);
    } catch (error) {
      onError(error);
    }
  };
  const unsubscribe = source.onOverview(take);
  Promise.resolve()
    .then(() => source.getOverview())
    .then(take, onError);
  return () => {
    stopped = true;
    unsubscribe();
  };
}
