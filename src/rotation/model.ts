// The rotation model: a schedule as it is stored (JSON) and edited in the UI, and the shapes computed from
// it (a layer's shifts, the final schedule with its gaps and overlaps, who is on call). Instants are UTC
// milliseconds; wall-clock times are local to the schedule's zone. Validation: schedule-schema.ts; the rules
// (precedence, DST, restrictions, overrides, swaps): docs/time-rules.md and the header of final.ts.

export type RotationUnit = 'hours' | 'days' | 'weeks';

/** A person on call. Two members are the same person when their names or their e-mail addresses match. */
export interface Member {
  name: string;
  email?: string;
  /** As the person dials it, e.g. "+31 6 1234 5678"; the UI makes a tel: link of it. */
  phone?: string;
  /** IANA zone the person lives in: used only to show times in it, never to compute the schedule. */
  timeZone?: string;
}

/** Every day from `from` to `to` (wall clock, 'HH:MM'); wraps past midnight when `to` ≤ `from`. */
export interface DailyRestriction {
  kind: 'daily';
  from: string;
  /** 'HH:MM', or '24:00'. Equal to `from`: the whole day. */
  to: string;
}

/** Every week from `fromDay` `from` to `toDay` `to`; wraps past Sunday when it ends before it starts. */
export interface WeeklyRestriction {
  kind: 'weekly';
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  fromDay: number;
  from: string;
  toDay: number;
  /** 'HH:MM', or '24:00'. The same day and time as the start: the whole week. */
  to: string;
}

export type Restriction = DailyRestriction | WeeklyRestriction;

export interface Layer {
  id: string;
  name: string;
  /** In rotation order: members[0] holds the first turn, then members[1], … and round again. */
  members: Member[];
  /** The length of a turn on the wall clock: a week is 7 × 24 wall-clock hours (167 real hours in spring). */
  rotation: { every: number; unit: RotationUnit };
  /** Wall-clock time of the handoffs, 'HH:MM' in the schedule's zone; `start` is at this time. */
  handoff: string;
  /** The first handoff, local 'YYYY-MM-DDTHH:MM' in the schedule's zone: members[0] starts then. */
  start: string;
  /** Local 'YYYY-MM-DDTHH:MM' after which the layer has nobody; absent: it runs on. */
  end?: string;
  /** When the layer is on call at all; absent or empty: always. Turns are cut to these windows. */
  restrictions?: Restriction[];
}

export interface Override {
  id: string;
  /** UTC milliseconds, inclusive. */
  start: number;
  /** UTC milliseconds, exclusive. */
  end: number;
  member: Member;
  /** Absent: the member takes the final schedule. A layer's id: the member takes that layer's turns. */
  layerId?: string;
}

export interface Schedule {
  id: string;
  name: string;
  /** IANA zone of every wall-clock time in the schedule. */
  timeZone: string;
  /** Lowest precedence first: where two layers have someone, the later layer wins. */
  layers: Layer[];
  /** Where two overrides of the same scope overlap, the later one wins. */
  overrides: Override[];
}

/** A half-open span [start, end) of UTC milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** One stretch of a layer's rotation: a turn, cut to the layer's restrictions (a turn may give several). */
export interface LayerShift extends Interval {
  layerId: string;
  /** The turn's number: 0 from `start`, then 1, 2, … */
  turn: number;
  /** Index in the layer's members: turn mod members.length. */
  memberIndex: number;
  member: Member;
}

/** What puts a member on call: a layer's turn, or an override (of one layer, or of the final schedule). */
export type Claim =
  | { source: 'layer'; layerId: string; turn: number; member: Member }
  | { source: 'override'; layerId: string | null; overrideId: string; member: Member };

/** A stretch of the final schedule: who actually gets paged, and why. */
export type FinalEntry = Interval & Claim;

/**
 * Time that more than one claim wants. `kind` 'layers': two or more layers have someone (the later layer
 * wins; an override of a layer counts as that layer). 'overrides': two or more overrides of the same scope
 * (`layerId`, null for the final schedule) overlap. `claims` run from the one that wins to the one that
 * loses. An override over a layer's turn is what overrides are for and is no overlap.
 */
export interface Overlap extends Interval {
  kind: 'layers' | 'overrides';
  layerId: string | null;
  claims: Claim[];
}

export interface FinalSchedule {
  from: number;
  to: number;
  /** In time order, disjoint, cut to [from, to). */
  entries: FinalEntry[];
  /** Where nobody is on call, in time order, cut to [from, to). */
  gaps: Interval[];
  overlaps: Overlap[];
}

/**
 * Who is on call at an instant, and for how long: `since` and `until` bound the stretch in which the same
 * person (or nobody) holds it without a break, across handoffs and sources. null: beyond the search horizon
 * (ON_CALL_HORIZON_MS from the instant), e.g. a one-person layer that never ends.
 */
export interface OnCall {
  /** null: nobody (a gap). */
  member: Member | null;
  since: number | null;
  until: number | null;
  /** What puts the member on call at that instant; null in a gap. */
  claim: Claim | null;
}

export interface OnCallAt {
  at: number;
  /** Who gets paged. */
  final: OnCall;
  /** Each layer on its own (its turns and its own overrides), in the schedule's layer order. */
  layers: Array<OnCall & { layerId: string; layerName: string }>;
}

/** A stretch of the final schedule held by one person without a break. */
export interface Shift {
  member: Member;
  /** null only for a shift under way since before the search horizon. */
  start: number | null;
  /** null: the shift does not end within the search horizon. */
  end: number | null;
  /** What puts the member on call at the shift's start (or at the instant asked, when under way). */
  claim: Claim;
}
