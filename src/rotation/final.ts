// The final schedule: who actually gets paged over a range (`finalSchedule`), with its gaps and overlaps,
// and the timelines on-call.ts reads.
//
// Precedence, highest first (PagerDuty's rule for layers):
//   1. overrides of the final schedule (no layerId), the later in `overrides` first;
//   2. the layers, the later in `layers` first. Within a layer its own overrides (later first) come before
//      its turns; a layer's override replaces the member only where the layer's restrictions allow.
// Where a higher layer has nobody (outside its restrictions, before its start, after its end) the layers
// below show through; where no claim is left, nobody is on call: a gap.
// Overlaps are reported although precedence settles them (model.ts, Overlap): two layers with someone at
// the same time, or two overrides of the same scope.
//
// Algorithm: each layer's shifts (in order, layer.ts), its overrides cut to its windows and the schedule's
// overrides become claims with a rank; one sweep over their sorted boundaries finds, per stretch between two
// boundaries, the claims in force. Linear in the claims, apart from sorting the boundaries.
import { checkRange, cutTo } from './intervals';
import { compile, shiftsOf, windowsOf } from './layer';
import type { CompiledSchedule } from './layer';
import type { Claim, FinalEntry, FinalSchedule, Interval, Overlap, Schedule } from './model';

interface Ranked extends Interval {
  claim: Claim;
  /** Identifies the turn or override: stretches of the same key join. */
  key: string;
  /** Higher wins. */
  rank: number;
  /** The layer's index, or layers.length for the schedule's overrides. */
  tier: number;
  isOverride: boolean;
}

/** A stretch of a timeline: who wins there (null: nobody). Timelines tile their range without holes. */
export interface Segment extends Interval {
  claim: Claim | null;
}

/**
 * The claims within [from, to), cut to it: every layer's and the schedule's overrides, or (onlyLayer) one
 * layer's own.
 */
function claimsOf(cs: CompiledSchedule, from: number, to: number, onlyLayer: number | null): Ranked[] {
  const { layers, schedule } = cs;
  const overrides = schedule.overrides;
  const rankOf = (tier: number, overrideIndex: number | null) =>
    (tier * 2 + (overrideIndex === null ? 0 : 1)) * (overrides.length + 1) + (overrideIndex ?? -1) + 1;
  const claims: Ranked[] = [];
  layers.forEach((cl, tier) => {
    if (onlyLayer !== null && tier !== onlyLayer) return;
    const layerId = cl.layer.id;
    for (const shift of shiftsOf(cl, from, to, true)) {
      claims.push({
        start: shift.start,
        end: shift.end,
        claim: { source: 'layer', layerId, turn: shift.turn, member: shift.member },
        key: `turn:${layerId}:${shift.turn}`,
        rank: rankOf(tier, null),
        tier,
        isOverride: false,
      });
    }
    if (!overrides.some((override) => override.layerId === layerId)) return;
    const windows = windowsOf(cl, from, to) ?? [{ start: from, end: to }];
    overrides.forEach((override, index) => {
      if (override.layerId !== layerId) return;
      const span = { start: Math.max(override.start, from), end: Math.min(override.end, to) };
      for (const part of cutTo([span], windows)) {
        claims.push({
          ...part,
          claim: { source: 'override', layerId, overrideId: override.id, member: override.member },
          key: `override:${override.id}`,
          rank: rankOf(tier, index),
          tier,
          isOverride: true,
        });
      }
    });
  });
  if (onlyLayer !== null) return claims;
  overrides.forEach((override, index) => {
    if (override.layerId !== undefined) return;
    const start = Math.max(override.start, from);
    const end = Math.min(override.end, to);
    if (end <= start) return;
    claims.push({
      start,
      end,
      claim: { source: 'override', layerId: null, overrideId: override.id, member: override.member },
      key: `override:${override.id}`,
      rank: rankOf(layers.length, index),
      tier: layers.length,
      isOverride: true,
    });
  });
  return claims;
}

/**
 * Cuts [from, to) at every boundary of the claims and calls `visit` for each piece, in order, with the claims in
 * force there, highest rank first. `active` is reused: read it during the call only.
 */
function sweep(
  claims: readonly Ranked[],
  from: number,
  to: number,
  visit: (start: number, end: number, active: readonly Ranked[]) => void,
): void {
  const points = new Set<number>([from, to]);
  for (const claim of claims) points.add(claim.start).add(claim.end);
  const bounds = Float64Array.from(points).sort();
  const byStart = [...claims].sort((a, b) => a.start - b.start);
  const active: Ranked[] = [];
  let next = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    for (let j = active.length - 1; j >= 0; j--) if (active[j]!.end <= start) active.splice(j, 1);
    while (next < byStart.length && byStart[next]!.start <= start) {
      const claim = byStart[next++]!;
      let at = active.length;
      while (at > 0 && active[at - 1]!.rank < claim.rank) at--;
      active.splice(at, 0, claim);
    }
    visit(start, bounds[i + 1]!, active);
  }
}

/** Who wins over [from, to): the whole schedule, or one layer (by index) on its own. */
export function timeline(
  cs: CompiledSchedule,
  from: number,
  to: number,
  onlyLayer: number | null,
): Segment[] {
  const segments: Array<Segment & { key: string | null }> = [];
  sweep(claimsOf(cs, from, to, onlyLayer), from, to, (start, end, active) => {
    const top = active[0];
    const key = top?.key ?? null;
    const last = segments[segments.length - 1];
    if (last && last.key === key) last.end = end;
    else segments.push({ start, end, claim: top?.claim ?? null, key });
  });
  return segments.map(({ start, end, claim }) => ({ start, end, claim }));
}

interface Found {
  kind: Overlap['kind'];
  layerId: string | null;
  claims: Ranked[];
}

/** The overlaps where `active` are in force: layers that all have someone, and overrides of one scope. */
function overlapsIn(cs: CompiledSchedule, active: readonly Ranked[]): Found[] {
  if (active.length < 2) return [];
  const found: Found[] = [];
  const layerTops: Ranked[] = [];
  const overridesByTier = new Map<number, Ranked[]>();
  for (const claim of active) {
    if (claim.tier < cs.layers.length && layerTops[layerTops.length - 1]?.tier !== claim.tier) {
      layerTops.push(claim);
    }
    if (claim.isOverride) {
      const list = overridesByTier.get(claim.tier);
      if (list) list.push(claim);
      else overridesByTier.set(claim.tier, [claim]);
    }
  }
  if (layerTops.length >= 2) found.push({ kind: 'layers', layerId: null, claims: layerTops });
  for (const [tier, claims] of overridesByTier) {
    if (claims.length >= 2)
      found.push({ kind: 'overrides', layerId: cs.layers[tier]?.layer.id ?? null, claims });
  }
  return found;
}

function sameFound(a: Found, b: Found): boolean {
  return (
    a.kind === b.kind &&
    a.layerId === b.layerId &&
    a.claims.length === b.claims.length &&
    a.claims.every((claim, i) => claim.key === b.claims[i]!.key)
  );
}

/**
 * The final schedule over [from, to): who gets paged (entries), where nobody is (gaps) and where claims
 * overlap, all in time order and cut to the range. See the header for precedence.
 */
export function finalSchedule(schedule: Schedule, from: number, to: number): FinalSchedule {
  checkRange(from, to);
  const cs = compile(schedule);
  const entries: Array<FinalEntry & { key: string }> = [];
  const gaps: Interval[] = [];
  const overlaps: Overlap[] = [];
  // The overlaps of the previous piece: an overlap with the same claims in this piece continues one of them.
  let open: Array<{ found: Found; overlap: Overlap }> = [];
  sweep(claimsOf(cs, from, to, null), from, to, (start, end, active) => {
    const top = active[0];
    if (!top) {
      const last = gaps[gaps.length - 1];
      if (last && last.end === start) last.end = end;
      else gaps.push({ start, end });
    } else {
      const last = entries[entries.length - 1];
      if (last && last.key === top.key && last.end === start) last.end = end;
      else entries.push({ start, end, ...top.claim, key: top.key });
    }
    open = overlapsIn(cs, active).map((found) => {
      const same = open.find((o) => o.overlap.end === start && sameFound(o.found, found));
      if (same) {
        same.overlap.end = end;
        return { found, overlap: same.overlap };
      }
      const overlap: Overlap = {
        start,
        end,
        kind: found.kind,
        layerId: found.layerId,
        claims: found.claims.map((claim) => claim.claim),
      };
      overlaps.push(overlap);
      return { found, overlap };
    });
  });
  return {
    from,
    to,
    entries: entries.map(({ key: _key, ...entry }) => entry as FinalEntry),
    gaps,
    overlaps,
  };
}
