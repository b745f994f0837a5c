// SLA clock benchmark: every clock of 100k seeded, demo-like tickets (mixed priorities, 0–6 changes
// with pauses, reopens and priority changes, 3 % security) against the default contracts, with the
// policy compiled once. The figure is the median of 5 runs after a warm-up.
import { computeClocks } from '../src/sla/clocks';
import type { SlaTicket } from '../src/sla/clock-types';
import { DEFAULT_CONTRACTS, compileContracts } from '../src/sla/contracts';
import type { Priority, TicketChange } from '../src/domain/ticket';
import { medianMs, seededRandom } from './result';
import type { BenchResult } from './result';

const TICKETS = 100_000;
const NOW = Date.UTC(2026, 2, 10, 10, 30);
const SPREAD_MS = 120 * 86_400_000; // created over the last four months
const MINUTE = 60_000;

function pick<T>(random: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  let roll = random();
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

const PRIORITY_MIX: ReadonlyArray<readonly [Priority, number]> = [
  ['P1', 0.05],
  ['P2', 0.2],
  ['P3', 0.4],
  ['P4', 0.35],
];

/** A ticket's life: acknowledged, worked on, maybe waiting on the customer, resolved, maybe reopened. */
function makeTicket(random: () => number): SlaTicket {
  const createdAt = NOW - Math.floor(random() * SPREAD_MS);
  const security = random() < 0.03;
  const changes: TicketChange[] = [];
  let t = createdAt;
  const step = (maxMinutes: number): number => (t += Math.ceil(random() * maxMinutes) * MINUTE);
  const plan = random();
  const respond = random() < 0.92;
  const firstResponseAt = respond ? createdAt + Math.ceil(random() * 600) * MINUTE : null;
  if (plan > 0.1) changes.push({ at: step(240), status: 'in_progress' });
  if (plan > 0.3 && random() < 0.5) changes.push({ at: step(2_000), status: 'waiting_on_customer' });
  if (plan > 0.3 && random() < 0.5) changes.push({ at: step(3_000), status: 'in_progress' });
  if (random() < 0.15) changes.push({ at: step(600), priority: pick(random, PRIORITY_MIX) });
  if (plan > 0.25) changes.push({ at: step(6_000), status: 'resolved' });
  if (plan > 0.25 && random() < 0.08) changes.push({ at: step(3_000), status: 'in_progress' });
  if (plan > 0.4) changes.push({ at: step(10_000), status: 'closed' });
  return {
    createdAt,
    kind: security ? 'security' : random() < 0.7 ? 'incident' : 'request',
    severity: security
      ? pick(random, [
          ['critical', 0.3],
          ['high', 0.4],
          ['medium', 0.3],
        ] as const)
      : null,
    initialStatus: 'new',
    initialPriority: pick(random, PRIORITY_MIX),
    changes: changes.slice(0, 6),
    firstResponseAt,
    approximate: false,
  };
}

export async function runClocksBench(): Promise<BenchResult[]> {
  const random = seededRandom(20_260_310);
  const tickets = Array.from({ length: TICKETS }, () => makeTicket(random));
  const policy = compileContracts(DEFAULT_CONTRACTS).policyFor('demo:bench');
  let clocks = 0;
  const all = (): void => {
    clocks = 0;
    for (const ticket of tickets) clocks += computeClocks(ticket, policy, NOW).length;
  };
  all(); // warm-up: JIT and the calendars' day blocks
  const ms = medianMs(5, all);
  process.stderr.write(`bench: clocks: ${clocks} clocks for ${TICKETS} tickets\n`);
  return [
    {
      name: 'sla clocks: all clocks of 100k tickets',
      value: Math.round(ms * 10) / 10,
      unit: 'ms',
      baseline: null,
      ratio: null,
      goal: '< 250 ms',
    },
  ];
}
