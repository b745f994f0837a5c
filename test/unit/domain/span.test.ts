// The shared span rules: which units each precision shows, with the words left to the caller.
import { describe, expect, it } from 'vitest';
import {
  agoSpan,
  compactSpan,
  exactSpan,
  secondsSince,
  secondsUntil,
  workSpan,
  type SpanWords,
} from '../../../src/domain/span';

/** Shows the units and the values the caller is given, e.g. "hm:1,05". */
const raw: SpanWords = (units, parts) =>
  `${units}:${[...units].map((unit) => parts[unit as keyof typeof parts]).join(',')}`;

describe('span rules', () => {
  it.each([
    [45, 's:45'],
    [4 * 60 + 5, 'ms:4,05'],
    [3600 + 5 * 60 + 59, 'hm:1,05'],
    [2 * 86400 + 3 * 3600 + 120, 'dh:2,3'],
    [-30, 's:0'],
  ])('compactSpan(%i) → %s', (seconds, expected) => {
    expect(compactSpan(seconds, raw)).toBe(expected);
  });

  it.each([
    [59, 's:59'],
    [12 * 60 + 30, 'm:12'],
    [9 * 3600 + 60, 'hm:9,01'],
    [11 * 3600, 'h:11'],
    [86400 + 7200, 'dh:1,2'],
  ])('agoSpan(%i) → %s', (seconds, expected) => {
    expect(agoSpan(seconds, raw)).toBe(expected);
  });

  it.each([
    [61, 'ms:1,01'],
    [3600 + 61, 'hms:1,01,01'],
    [86400 + 3600 + 60, 'dhm:1,1,01'],
  ])('exactSpan(%i) → %s', (seconds, expected) => {
    expect(exactSpan(seconds, raw)).toBe(expected);
  });

  it.each([
    [40 * 3600, 'h:40'],
    [30 * 60, 'm:30'],
    [3600 + 5 * 60, 'hm:1,05'],
  ])('workSpan(%i) → %s counts hours, not days', (seconds, expected) => {
    expect(workSpan(seconds, raw)).toBe(expected);
  });

  it('counts down with ceil and up with floor, so 0 shows only at the instant', () => {
    expect(secondsUntil(10_500, 10_000)).toBe(1);
    expect(secondsSince(10_000, 10_999)).toBe(0);
  });
});
