// The ticket plans behind the demo desk: bounded lifecycles, ordered steps, office hours, arrival pattern, stable ids.
import { describe, expect, it } from 'vitest';
import type { TicketPlan } from '../../../../src/connectors/demo/lifecycle';
import {
  MAX_LIFECYCLE_MS,
  SLOT_MS,
  planTicket,
  slotOf,
  ticketAt,
} from '../../../../src/connectors/demo/lifecycle';
import { ticketRecordSchema } from '../../../../src/connectors/record-schemas';
import { isOpenStatus } from '../../../../src/domain/ticket';
import { computeClocks } from '../../../../src/sla/clocks';
import { DEFAULT_CONTRACTS, compileContracts } from '../../../../src/sla/contracts';
import { slaTicketOf } from '../../../../src/sla/sla-ticket';

const YEAR_START = Date.UTC(2026, 0, 1);
const SLOTS_PER_YEAR = (365 * 24 * 3_600_000) / SLOT_MS;

function plans(seed: number, fromSlot: number, count: number): TicketPlan[] {
  const result: TicketPlan[] = [];
  for (let slot = fromSlot; slot < fromSlot + count; slot++) {
    const plan = planTicket(seed, slot);
    if (plan) result.push(plan);
  }
  return result;
}

/** Local time in the desk's office zone (UTC+1, as the desk approximates Amsterdam). */
function office(instant: number): { weekday: number; minute: number } {
  const local = new Date(instant + 3_600_000);
  return { weekday: local.getUTCDay(), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

describe('demo ticket plans', () => {
  const year = plans(7, slotOf(YEAR_START), SLOTS_PER_YEAR);

  it('is a pure function of seed and slot', () => {
    const day = slotOf(YEAR_START) + 1000;
    expect(plans(7, day, 144)).toEqual(plans(7, day, 144));
    expect(plans(7, day, 144).length).toBeGreaterThan(0);
    expect(plans(7 + 2 ** 32, day, 144)).not.toEqual(plans(7, day, 144));
  });

  it('keeps every lifecycle inside MAX_LIFECYCLE_MS with strictly increasing steps, ending closed', () => {
    expect(year.length).toBeGreaterThan(5000);
    for (const plan of year) {
      const instants = plan.steps.map((step) => step.at);
      expect(instants[0]).toBe(plan.createdAt);
      for (let i = 1; i < instants.length; i++) expect(instants[i]!).toBeGreaterThan(instants[i - 1]!);
      expect(instants.at(-1)! - plan.createdAt).toBeLessThanOrEqual(MAX_LIFECYCLE_MS);
      expect(plan.steps.at(-1)?.status).toBe('closed');
    }
  });

  it('derives stable, unique ticket numbers from the slot', () => {
    const ids = year.map((plan) => plan.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    const plan = year[0]!;
    expect(plan.externalId).toBe(`DEMO-${slotOf(plan.createdAt) - Date.UTC(2024, 0, 1) / SLOT_MS}`);
  });

  it('has P3 and P4 work picked up in office hours only', () => {
    for (const plan of year.filter(
      (p) => p.kind !== 'security' && (p.priority === 'P3' || p.priority === 'P4'),
    )) {
      const acknowledged = plan.steps.find((step) => step.status === 'acknowledged')!;
      const { weekday, minute } = office(acknowledged.at);
      expect(weekday).toBeGreaterThanOrEqual(1);
      expect(weekday).toBeLessThanOrEqual(5);
      expect(minute).toBeGreaterThanOrEqual(8 * 60);
      expect(minute).toBeLessThan(18 * 60 + 20);
    }
  });

  it('receives most tickets on weekdays in office hours', () => {
    const busy = year.filter((plan) => {
      const { weekday, minute } = office(plan.createdAt);
      return weekday >= 1 && weekday <= 5 && minute >= 8 * 60 && minute < 18 * 60;
    });
    expect(busy.length / year.length).toBeGreaterThan(0.6);
    expect(year.some((plan) => [0, 6].includes(office(plan.createdAt).weekday))).toBe(true);
  });

  it('shows a ticket as of its last step at or before the instant', () => {
    const plan = year.find((p) => p.steps.some((step) => step.status === 'waiting_on_customer'))!;
    expect(ticketAt(plan, plan.createdAt - 1, 'demo')).toBeNull();
    const created = ticketAt(plan, plan.createdAt, 'demo')!;
    expect(created).toMatchObject({ status: 'new', assignee: null, notes: [], updatedAt: plan.createdAt });
    const waiting = plan.steps.find((step) => step.status === 'waiting_on_customer')!;
    const mid = ticketAt(plan, waiting.at + 1, 'demo')!;
    expect(mid.status).toBe('waiting_on_customer');
    expect(mid.updatedAt).toBe(waiting.at);
    const end = ticketAt(plan, plan.createdAt + MAX_LIFECYCLE_MS, 'demo')!;
    expect(end.status).toBe('closed');
    expect(end.updatedAt).toBe(plan.steps.at(-1)!.at);
  });

  it('clears resolvedAt when a ticket is reopened and sets it again on the new resolution', () => {
    const reopened = year.find((plan) => {
      const statuses = plan.steps.map((step) => step.status);
      return statuses.filter((status) => status === 'resolved').length === 2;
    })!;
    const [first, second] = reopened.steps.filter((step) => step.status === 'resolved');
    const reopen = reopened.steps.find((step) => step.at > first!.at && step.status === 'in_progress')!;
    expect(ticketAt(reopened, first!.at, 'demo')?.resolvedAt).toBe(first!.at);
    const open = ticketAt(reopened, reopen.at, 'demo')!;
    expect(isOpenStatus(open.status)).toBe(true);
    expect(open.resolvedAt).toBeNull();
    expect(ticketAt(reopened, second!.at + 1, 'demo')?.resolvedAt).toBe(second!.at);
  });

  it('raises a priority now and then, and keeps security tickets on clock hours (patched within 72 h)', () => {
    expect(year.some((plan) => plan.steps.some((step) => step.priority === 'P2'))).toBe(true);
    for (const plan of year.filter((p) => p.kind === 'security')) {
      const patched = plan.steps.find((step) => step.status === 'resolved')!;
      expect(patched.at - plan.createdAt).toBeLessThanOrEqual(72 * 3_600_000);
    }
  });

  it('reports the plan of approach and the patch of a security ticket as milestones, which meet its clocks', () => {
    const policy = compileContracts(DEFAULT_CONTRACTS).policyFor('demo:noordkade');
    const security = year.filter((plan) => plan.kind === 'security');
    expect(security.length).toBeGreaterThan(50);
    for (const plan of security) {
      const end = plan.createdAt + MAX_LIFECYCLE_MS;
      const ticket = ticketAt(plan, end, 'demo')!;
      expect(ticketRecordSchema.safeParse(ticket).success).toBe(true);
      const milestones = ticket.history.filter((change) => change.milestone !== undefined);
      const resolved = ticket.history.find((change) => change.status === 'resolved')!;
      // The plan goes out as the first public reply; the patch is what resolves the ticket.
      expect(milestones).toEqual([
        { at: ticket.firstResponseAt, status: 'in_progress', milestone: 'plan_sent' },
        { at: resolved.at, status: 'resolved', milestone: 'patch_released' },
      ]);
      const clocks = computeClocks(slaTicketOf(ticket), policy, end);
      expect(clocks.find((clock) => clock.target === 'securityPlan')?.metAt).toBe(ticket.firstResponseAt);
      expect(clocks.find((clock) => clock.target === 'securityPatch')?.metAt).toBe(resolved.at);
    }
    const others = year.filter((plan) => plan.kind !== 'security').slice(0, 500);
    for (const plan of others) {
      const ticket = ticketAt(plan, plan.createdAt + MAX_LIFECYCLE_MS, 'demo')!;
      expect(ticket.history.some((change) => change.milestone !== undefined)).toBe(false);
    }
  });
});
