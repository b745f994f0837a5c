// The settings capability: the user's preferences as the core keeps them (the database's settings table), their
// defaults, and their handlers.
import type { PiketHandlers, QuietHours, Settings } from '../api/contract';
import { ALERT_WHEN, type LanguageSetting } from '../api/methods';
import {
  DEFAULT_QUEUE_SORT,
  QUEUE_SORTS,
  QUEUE_VIEWS,
  type QueueSort,
  type QueueView,
} from '../api/queue-order';
import {
  MAX_SYNC_INTERVAL_SECONDS,
  MIN_SYNC_INTERVAL_SECONDS,
  quietHoursSchema,
  type ArgsOut,
} from '../api/schemas';
import type { Clock } from '../domain/clock';
import type { SettingsStore } from '../store/settings-store';
import type { EventHub } from './event-hub';

export const DEFAULT_ME = 'Sanne de Vries';
export const DEFAULT_SYNC_INTERVAL_SECONDS = 30;

export type SettingsHandlers = Pick<PiketHandlers, 'getSettings' | 'updateSettings' | 'pauseAlerts'>;

/** The first start opens "Needs me now"; afterwards the UI stores the view used last. */
const DEFAULT_QUEUE_VIEW: QueueView = 'needsMe';

/** A stored name from the list, or the fallback (a value another Piket version stored is never trusted). */
function oneOf<T extends string>(known: readonly T[], value: unknown, fallback: T): T {
  return known.find((name) => name === value) ?? fallback;
}

/** A stored interval in the allowed range, or the default. */
function interval(value: unknown): number {
  return Number.isInteger(value) &&
    (value as number) >= MIN_SYNC_INTERVAL_SECONDS &&
    (value as number) <= MAX_SYNC_INTERVAL_SECONDS
    ? (value as number)
    : DEFAULT_SYNC_INTERVAL_SECONDS;
}

function pausedUntil(value: unknown): number | null {
  return Number.isSafeInteger(value) ? (value as number) : null;
}

/** Stored quiet hours, or none when what is stored is not valid (another version, a hand edit). */
function quietHours(value: unknown): QuietHours | null {
  const parsed = quietHoursSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function readSettings(store: SettingsStore): Settings {
  const stored = store.get<unknown>('queueSorts', null);
  const sorts: Partial<Record<QueueView, unknown>> =
    typeof stored === 'object' && stored !== null ? stored : {};
  return {
    language: store.get<LanguageSetting>('language', 'system'),
    me: store.get<string>('me', DEFAULT_ME),
    queueView: oneOf(QUEUE_VIEWS, store.get<unknown>('queueView', null), DEFAULT_QUEUE_VIEW),
    queueSorts: {
      needsMe: oneOf<QueueSort>(QUEUE_SORTS, sorts.needsMe, DEFAULT_QUEUE_SORT),
      queue: oneOf<QueueSort>(QUEUE_SORTS, sorts.queue, DEFAULT_QUEUE_SORT),
    },
    syncIntervalSeconds: interval(store.get<unknown>('syncIntervalSeconds', null)),
    alertsPausedUntil: pausedUntil(store.get<unknown>('alertsPausedUntil', null)),
    alertWhen: oneOf(ALERT_WHEN, store.get<unknown>('alertWhen', null), 'always'),
    quietHours: quietHours(store.get<unknown>('quietHours', null)),
  };
}

function writeSettings(store: SettingsStore, changes: ArgsOut<'updateSettings'>): Settings {
  if (changes.language !== undefined) store.set('language', changes.language);
  if (changes.me !== undefined) store.set('me', changes.me);
  if (changes.queueView !== undefined) store.set('queueView', changes.queueView);
  if (changes.syncIntervalSeconds !== undefined)
    store.set('syncIntervalSeconds', changes.syncIntervalSeconds);
  if (changes.alertWhen !== undefined) store.set('alertWhen', changes.alertWhen);
  if (changes.quietHours !== undefined) store.set('quietHours', changes.quietHours);
  if (changes.queueSorts !== undefined) {
    const { needsMe, queue } = readSettings(store).queueSorts;
    store.set('queueSorts', {
      needsMe: changes.queueSorts.needsMe ?? needsMe,
      queue: changes.queueSorts.queue ?? queue,
    });
  }
  return readSettings(store);
}

export function isDemoEnabled(store: SettingsStore): boolean {
  return store.get<boolean>('demoEnabled', true);
}

export function setDemoEnabledSetting(store: SettingsStore, enabled: boolean): void {
  store.set('demoEnabled', enabled);
}

export function settingsHandlers(
  store: SettingsStore,
  events: EventHub,
  clock: Pick<Clock, 'now'>,
): SettingsHandlers {
  return {
    getSettings: () => readSettings(store),
    pauseAlerts: ({ minutes }) => {
      store.set('alertsPausedUntil', minutes === 0 ? null : clock.now() + minutes * 60_000);
      const settings = readSettings(store);
      events.emit('settingsChanged', settings);
      return settings;
    },
    updateSettings: (changes) => {
      const settings = writeSettings(store, changes);
      events.emit('settingsChanged', settings);
      // "Mine" filters and counts follow the name.
      if (changes.me !== undefined) events.emit('queueChanged', { ticketIds: [] });
      return settings;
    },
  };
}
