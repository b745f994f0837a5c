// Rotations as the core lists them (who is on call now in each, kept current by `schedulesChanged`), and the
// rotation view: whether it is open, the schedule chosen, week or month, the zone its times are shown in (the
// schedule's or mine), the period shown and the schedule over it. Imports, refreshes, saves and removals go through
// here and answer with the core's error, for the view to show where it was made.
import { create } from 'zustand';
import type { ApiError, ScheduleImport, ScheduleRange, ScheduleView } from '../../../src/api';
import type { Schedule } from '../../../src/rotation/model';
import { api } from '../api';
import {
  browserZone,
  type CalendarMode,
  dayOf,
  movePeriod,
  type Period,
  periodOf,
} from '../rotation-calendar';

export type ZoneChoice = 'schedule' | 'mine';

/** The schedule over the period shown, in the zone it was asked in. */
export interface ShownRange {
  scheduleId: string;
  zone: string;
  period: Period;
  range: ScheduleRange;
}

interface RotationState {
  schedules: ScheduleView[] | null;
  loadError: string | null;
  viewOpen: boolean;
  /** The schedule chosen in the view; null: the preferred one. */
  selectedId: string | null;
  mode: CalendarMode;
  zoneChoice: ZoneChoice;
  /** A day of the period shown, on the chosen zone's calendar; null: today. */
  anchorDay: number | null;
  shown: ShownRange | null;
  loadingRange: boolean;
  rangeError: string | null;
  load(): Promise<void>;
  /** A pushed `schedulesChanged`. */
  apply(schedules: ScheduleView[]): void;
  openView(): void;
  closeView(): void;
  select(id: string): void;
  setMode(mode: CalendarMode): void;
  setZoneChoice(choice: ZoneChoice): void;
  /** Shows the week or month `step` periods on. */
  move(step: number): void;
  goToday(): void;
  loadRange(): Promise<void>;
  importFeed(
    source: string,
    name: string,
  ): Promise<{ ok: true; value: ScheduleImport } | { ok: false; error: ApiError }>;
  refresh(name: string): Promise<ApiError | null>;
  remove(name: string): Promise<ApiError | null>;
  save(schedule: Schedule): Promise<ApiError | null>;
}

/** The schedule the header shows: the first one I take part in, else the first. */
export function preferredSchedule(schedules: readonly ScheduleView[] | null): ScheduleView | null {
  return schedules?.find((schedule) => schedule.withMe) ?? schedules?.[0] ?? null;
}

export function selectedSchedule(
  state: Pick<RotationState, 'schedules' | 'selectedId'>,
): ScheduleView | null {
  return (
    state.schedules?.find((schedule) => schedule.id === state.selectedId) ??
    preferredSchedule(state.schedules)
  );
}

/** The zone the view shows times in: the schedule's (a feed that names none: mine) or mine. */
export function shownZone(schedule: ScheduleView | null, choice: ZoneChoice): string {
  return choice === 'mine' ? browserZone() : (schedule?.timeZone ?? browserZone());
}

/** Counts range requests, so only the answer to the latest is shown. */
let request = 0;

export const useRotationStore = create<RotationState>()((set, get) => ({
  schedules: null,
  loadError: null,
  viewOpen: false,
  selectedId: null,
  mode: 'week',
  zoneChoice: 'schedule',
  anchorDay: null,
  shown: null,
  loadingRange: false,
  rangeError: null,

  async load() {
    const result = await api.listSchedules({});
    if (!result.ok) return set({ loadError: result.error.message });
    get().apply(result.value);
  },

  apply(schedules) {
    const { selectedId, viewOpen } = get();
    const kept = schedules.some((schedule) => schedule.id === selectedId) ? selectedId : null;
    set({ schedules, loadError: null, selectedId: kept });
    if (viewOpen) void get().loadRange();
  },

  openView() {
    set({ viewOpen: true, anchorDay: null });
    void get().load();
  },

  closeView: () => set({ viewOpen: false }),

  select(id) {
    set({ selectedId: id, anchorDay: null, zoneChoice: 'schedule' });
    void get().loadRange();
  },

  setMode(mode) {
    set({ mode });
    void get().loadRange();
  },

  setZoneChoice(choice) {
    // The same dates, cut into days on the other zone's clock.
    const { anchorDay, shown } = get();
    set({ zoneChoice: choice, anchorDay: anchorDay ?? shown?.period.first ?? null });
    void get().loadRange();
  },

  move(step) {
    const { mode, anchorDay, shown } = get();
    const day =
      anchorDay ??
      shown?.period.first ??
      dayOf(Date.now(), shownZone(selectedSchedule(get()), get().zoneChoice));
    set({ anchorDay: movePeriod(mode, day, step) });
    void get().loadRange();
  },

  goToday() {
    set({ anchorDay: null });
    void get().loadRange();
  },

  async loadRange() {
    const state = get();
    const schedule = selectedSchedule(state);
    if (schedule === null) return set({ shown: null, rangeError: null, loadingRange: false });
    const zone = shownZone(schedule, state.zoneChoice);
    const period = periodOf(state.mode, state.anchorDay ?? dayOf(Date.now(), zone), zone);
    const mine = ++request;
    set({ loadingRange: true });
    const result = await api.getScheduleRange({ name: schedule.name, from: period.from, to: period.to });
    if (mine !== request) return;
    if (!result.ok) return set({ loadingRange: false, rangeError: result.error.message });
    set({
      loadingRange: false,
      rangeError: null,
      shown: { scheduleId: schedule.id, zone, period, range: result.value },
    });
  },

  async importFeed(source, name) {
    const result = await api.importSchedule(name.trim() === '' ? { source } : { source, name });
    if (!result.ok) return result;
    set({ selectedId: result.value.schedule.id, anchorDay: null, zoneChoice: 'schedule' });
    await get().load();
    return result;
  },

  async refresh(name) {
    const result = await api.refreshSchedule({ name });
    await get().load();
    return result.ok ? null : result.error;
  },

  async remove(name) {
    const result = await api.removeSchedule({ name });
    if (!result.ok) return result.error;
    set({ selectedId: null, anchorDay: null });
    get().apply(result.value);
    return null;
  },

  async save(schedule) {
    const result = await api.saveSchedule({ schedule });
    if (!result.ok) return result.error;
    set({ selectedId: result.value.id });
    await get().load();
    return null;
  },
}));
