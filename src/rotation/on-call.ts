// Who is on call at an instant (`onCallAt`), who takes the pager next (`nextShift`) and "my next shift"
// (`myNextShift`, for the `me` setting), read from the timelines of final.ts. A stretch is the time one person
// (or nobody) holds it without a break, across handoffs and sources: a member on a layer's turn and then on an
// override is one stretch. Each question reads a window around the instant and widens it (2, 16, 128, then
// 400 days) until the stretch's ends lie inside; an end beyond 400 days is null.
import { compile } from './layer';
import type { CompiledSchedule } from './layer';
import { timeline } from './final';
import type { Segment } from './final';
import type { Claim, Member, OnCall, OnCallAt, Schedule, Shift } from './model';

const DAY_MS = 86_400_000;
export const ON_CALL_HORIZON_MS = 400 * DAY_MS;
const SPANS = [2 * DAY_MS, 16 * DAY_MS, 128 * DAY_MS, ON_CALL_HORIZON_MS];

const normal = (text: string) => text.trim().toLowerCase();

/** Whether two members are the same person: the same name, or the same e-mail address (case-insensitive). */
export function sameMember(a: Member, b: Member): boolean {
  if (normal(a.name) === normal(b.name)) return true;
  return a.email !== undefined && b.email !== undefined && normal(a.email) === normal(b.email);
}

/** Whether a member is one of `me`: names or e-mail addresses, case-insensitive. */
export function isMe(member: Member, me: readonly string[]): boolean {
  const mine = new Set(me.map(normal));
  return mine.has(normal(member.name)) || (member.email !== undefined && mine.has(normal(member.email)));
}

function samePerson(a: Claim | null, b: Claim | null): boolean {
  if (a === null || b === null) return a === b;
  return sameMember(a.member, b.member);
}

function checkInstant(at: number): void {
  if (!Number.isFinite(at))
    throw new RangeError(`Rotation: expected an instant in UTC milliseconds, got ${at}`);
}

/** Index of the last segment from `i` on that the same person (or nobody) holds without a break. */
function stretchEnd(segments: readonly Segment[], i: number): number {
  let last = i;
  while (last + 1 < segments.length && samePerson(segments[last + 1]!.claim, segments[i]!.claim)) last++;
  return last;
}

/** The stretch around `at` on a timeline: who, since when, until when. */
function stretchAt(read: (from: number, to: number) => Segment[], at: number, spanIndex = 0): OnCall {
  const span = SPANS[spanIndex]!;
  const from = at - span;
  const to = at + span;
  const segments = read(from, to);
  const i = segments.findIndex((segment) => segment.start <= at && at < segment.end);
  const claim = segments[i]!.claim;
  let first = i;
  while (first > 0 && samePerson(segments[first - 1]!.claim, claim)) first--;
  const since = segments[first]!.start;
  const until = segments[stretchEnd(segments, i)]!.end;
  if (since === from || until === to) {
    if (spanIndex + 1 < SPANS.length) return stretchAt(read, at, spanIndex + 1);
  }
  return {
    member: claim?.member ?? null,
    since: since > from ? since : null,
    until: until < to ? until : null,
    claim,
  };
}

/** Who is on call at an instant: in the final schedule, and in each layer on its own. */
export function onCallAt(schedule: Schedule, at: number): OnCallAt {
  checkInstant(at);
  const cs = compile(schedule);
  return {
    at,
    final: stretchAt((from, to) => timeline(cs, from, to, null), at),
    layers: cs.layers.map((cl, index) => ({
      layerId: cl.layer.id,
      layerName: cl.layer.name,
      ...stretchAt((from, to) => timeline(cs, from, to, index), at),
    })),
  };
}

/**
 * The first stretch of the final schedule from `at` on that someone holds and that `wanted` accepts,
 * skipping the stretch under way at `at`; null when there is none within the horizon.
 */
function nextStretch(cs: CompiledSchedule, at: number, wanted: (claim: Claim) => boolean): Shift | null {
  for (const span of SPANS) {
    const to = at + span;
    const segments = timeline(cs, at, to, null);
    let i = stretchEnd(segments, 0) + 1;
    while (i < segments.length && !(segments[i]!.claim && wanted(segments[i]!.claim!))) i++;
    const found = segments[i];
    if (found?.claim) {
      const end = segments[stretchEnd(segments, i)]!.end;
      if (end < to || span === ON_CALL_HORIZON_MS) {
        return {
          member: found.claim.member,
          start: found.start,
          end: end < to ? end : null,
          claim: found.claim,
        };
      }
    }
  }
  return null;
}

/** Who takes the pager after the person (or the gap) on call at `at`, from when, until when. */
export function nextShift(schedule: Schedule, at: number): Shift | null {
  checkInstant(at);
  return nextStretch(compile(schedule), at, () => true);
}

/**
 * "My next shift": the stretch in which one of `me` (names or e-mail addresses) holds the final schedule that
 * is under way at `at` (`current`), or else the first one after it; null when none lies within the horizon.
 */
export function myNextShift(
  schedule: Schedule,
  me: readonly string[],
  at: number,
): (Shift & { current: boolean }) | null {
  checkInstant(at);
  if (!me.some((name) => name.trim() !== '')) return null;
  const cs = compile(schedule);
  const now = stretchAt((from, to) => timeline(cs, from, to, null), at);
  if (now.claim && isMe(now.claim.member, me)) {
    return { member: now.claim.member, start: now.since, end: now.until, claim: now.claim, current: true };
  }
  const next = nextStretch(cs, at, (claim) => isMe(claim.member, me));
  return next && { ...next, current: false };
}
