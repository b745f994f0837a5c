// The demo desk's tickets as a pure function of (seed, time): each 10-minute slot may hold one ticket whose whole life
// is planned up front; the changes people make on the desk are merged into that life when a ticket is shown.
import { addsText, applyAction } from '../../domain/action';
import type {
  Priority,
  TicketChange,
  TicketKind,
  TicketMilestone,
  TicketRecord,
  TicketStatus,
} from '../../domain/ticket';
import { isOpenStatus } from '../../domain/ticket';
import type { DemoCustomer, TicketTemplate } from './catalog';
import {
  DEMO_CUSTOMERS,
  DEMO_TEAM,
  ENVIRONMENTS,
  INCIDENT_TEMPLATES,
  NOTES,
  PARTNERS,
  REQUEST_TEMPLATES,
  SECURITY_LIBRARIES,
  SECURITY_TEMPLATES,
} from './catalog';
import type { DeskChange } from './desk-changes';
import { Rng, hashInts, seedWords, unitFromHash } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Time is cut into slots; a slot produces at most one ticket. */
export const SLOT_MS = 10 * MINUTE;
/**
 * No ticket changes later than this after its creation. Worst case of the plans below is about 36.3 days: a P4
 * with every optional step, each delay at its maximum and then pushed over a weekend (+2.64 days); a test checks.
 */
export const MAX_LIFECYCLE_MS = 40 * DAY;
/** Ticket numbers count slots from 2024-01-01 UTC, so ids stay short: DEMO-115632. */
const ID_EPOCH_SLOT = Date.UTC(2024, 0, 1) / SLOT_MS;

/** The desk's office hours (for P3/P4 work and the arrival rate), in Amsterdam winter time: close enough for a demo. */
const OFFICE_OFFSET_MS = HOUR;
const OFFICE_OPENS_MIN = 8 * 60;
const OFFICE_CLOSES_MIN = 17 * 60 + 30;

export function slotOf(instant: number): number {
  return Math.floor(instant / SLOT_MS);
}

export function slotStart(slot: number): number {
  return slot * SLOT_MS;
}

interface PlannedNote {
  author: string;
  body: string;
  public: boolean;
}

/** What one lifecycle step changes; fields left out stay as they were. A milestone is reported in the history. */
interface StepChange {
  status?: TicketStatus;
  assignee?: string;
  priority?: Priority;
  note?: PlannedNote;
  milestone?: TicketMilestone;
}

interface PlannedStep extends StepChange {
  at: number;
}

/** Everything about one ticket, its future included; `ticketAt` shows it as it stands at an instant. */
export interface TicketPlan {
  externalId: string;
  customerExternalId: string;
  subject: string;
  description: string;
  kind: TicketKind;
  cveId: string | null;
  severity: string | null;
  priority: Priority;
  createdAt: number;
  /** In time order, strictly increasing; the first is the creation itself. */
  steps: readonly PlannedStep[];
}

/** Chance that a slot produces a ticket: busy on weekday office hours, quiet at night and in the weekend. */
function arrivalRate(instant: number): number {
  const local = new Date(instant + OFFICE_OFFSET_MS);
  const weekday = local.getUTCDay();
  if (weekday === 0 || weekday === 6) return 0.05;
  const hour = local.getUTCHours();
  return hour >= 8 && hour < 18 ? 0.33 : 0.08;
}

/** The instant itself when the office is open, else the next opening. */
function nextOfficeInstant(instant: number): number {
  const local = instant + OFFICE_OFFSET_MS;
  const dayStart = Math.floor(local / DAY) * DAY;
  const minute = (local - dayStart) / MINUTE;
  const isWeekend = (day: number): boolean => [0, 6].includes(new Date(day).getUTCDay());
  if (!isWeekend(dayStart) && minute >= OFFICE_OPENS_MIN && minute < OFFICE_CLOSES_MIN) return instant;
  let opening = minute < OFFICE_OPENS_MIN ? dayStart : dayStart + DAY;
  while (isWeekend(opening)) opening += DAY;
  return opening + OFFICE_OPENS_MIN * MINUTE - OFFICE_OFFSET_MS;
}

/** Delay ranges in minutes. */
type Range = readonly [number, number];

const DELAYS: Record<Priority, { ack: Range; reply: Range; workaround: Range; resolve: Range }> = {
  P1: { ack: [2, 12], reply: [3, 15], workaround: [30, 150], resolve: [60, 300] },
  P2: { ack: [5, 45], reply: [10, 90], workaround: [60, 480], resolve: [240, 1920] },
  P3: { ack: [15, 180], reply: [20, 240], workaround: [120, 1440], resolve: [720, 4320] },
  P4: { ack: [30, 360], reply: [30, 480], workaround: [240, 2880], resolve: [1440, 5760] },
};
const REPLY_WITHIN_HOURS: Record<Priority, number> = { P1: 1, P2: 2, P3: 4, P4: 8 };

/** Builds the steps of one ticket in time order. */
class Timeline {
  readonly steps: PlannedStep[];
  private time: number;

  constructor(
    private readonly rng: Rng,
    createdAt: number,
  ) {
    this.time = createdAt;
    this.steps = [{ at: createdAt, status: 'new' }];
  }

  /** An action of the support team; with `officeHours` it waits for the office to open. */
  agent(range: Range, officeHours: boolean, change: StepChange): void {
    let at = this.time + this.delay(range);
    if (officeHours) {
      const opening = nextOfficeInstant(at);
      if (opening !== at) at = opening + this.rng.int(0, 50 * 60) * 1000;
    }
    this.push(at, change);
  }

  /** A reaction of the customer or an automatic rule, at any hour. */
  later(range: Range, change: StepChange): void {
    this.push(this.time + this.delay(range), change);
  }

  private delay([min, max]: Range): number {
    return this.rng.int(min * 60, max * 60) * 1000;
  }

  private push(at: number, change: StepChange): void {
    this.time = at;
    this.steps.push({ at, ...change });
  }
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, key: string) => vars[key] ?? placeholder);
}

function pickTemplate(rng: Rng, templates: readonly TicketTemplate[]): TicketTemplate {
  return rng.weighted(templates.map((template) => [template, template.weight] as const));
}

interface LifecycleInput {
  rng: Rng;
  createdAt: number;
  kind: TicketKind;
  priority: Priority;
  say: (phrases: readonly string[]) => string;
}

function planSecurity({ rng, createdAt, say }: LifecycleInput): PlannedStep[] {
  const timeline = new Timeline(rng, createdAt);
  const author = rng.weighted(DEMO_TEAM);
  const internal = (body: string): PlannedNote => ({ author, body, public: false });
  const reply = (body: string): PlannedNote => ({ author, body, public: true });
  // Clock hours throughout: plan of approach within 24 h, patch within 72 h. The plan and the patch are reported
  // as milestones (what meets the security clocks by default); the mitigation is neither.
  timeline.agent([5, 30], false, {
    status: 'acknowledged',
    assignee: author,
    note: internal(say(NOTES.acknowledged)),
  });
  timeline.agent([60, 1200], false, {
    status: 'in_progress',
    note: reply(say(NOTES.securityPlan)),
    milestone: 'plan_sent',
  });
  if (rng.chance(0.5)) {
    timeline.agent([30, 600], false, {
      status: 'workaround_provided',
      note: reply(say(NOTES.securityMitigation)),
    });
  }
  timeline.agent([720, 2400], false, {
    status: 'resolved',
    note: reply(say(NOTES.securityPatched)),
    milestone: 'patch_released',
  });
  timeline.later([2880, 5760], { status: 'closed' });
  return timeline.steps;
}

function planSupport({ rng, createdAt, kind, priority: initial, say }: LifecycleInput): PlannedStep[] {
  const timeline = new Timeline(rng, createdAt);
  const author = rng.weighted(DEMO_TEAM);
  const internal = (body: string): PlannedNote => ({ author, body, public: false });
  const reply = (body: string): PlannedNote => ({ author, body, public: true });
  let priority = initial;
  const officeHours = (): boolean => priority === 'P3' || priority === 'P4';
  const delays = (): (typeof DELAYS)[Priority] => DELAYS[priority];

  timeline.agent(delays().ack, officeHours(), {
    status: 'acknowledged',
    assignee: author,
    ...(rng.chance(0.6) ? { note: internal(say(NOTES.acknowledged)) } : {}),
  });
  if (priority === 'P1') timeline.agent([1, 5], false, { note: internal(say(NOTES.escalatedP1)) });
  timeline.agent(delays().reply, officeHours(), {
    status: 'in_progress',
    note: reply(say(priority === 'P1' ? NOTES.firstReplyP1 : NOTES.firstReply)),
  });
  if (kind === 'incident' && officeHours() && rng.chance(0.05)) {
    priority = 'P2';
    timeline.agent([5, 60], false, { priority, note: internal(say(NOTES.priorityRaised)) });
  }
  if (rng.chance(kind === 'request' ? 0.4 : 0.3)) {
    timeline.agent([10, 120], officeHours(), {
      status: 'waiting_on_customer',
      note: reply(say(NOTES.question)),
    });
    if (rng.chance(0.1)) {
      timeline.later([5 * 1440, 7 * 1440], { status: 'resolved', note: reply(say(NOTES.noReaction)) });
      timeline.later([2880, 5760], { status: 'closed' });
      return timeline.steps;
    }
    timeline.later([60, 4320], { status: 'in_progress', note: internal(say(NOTES.customerReplied)) });
  }
  if (kind === 'incident' && rng.chance(priority === 'P1' ? 0.6 : 0.3)) {
    timeline.agent(delays().workaround, officeHours(), {
      status: 'workaround_provided',
      note: reply(say(NOTES.workaround)),
    });
  }
  if (rng.chance(0.5)) timeline.agent([15, 240], officeHours(), { note: internal(say(NOTES.internal)) });
  const resolution = kind === 'request' ? NOTES.requestDone : NOTES.resolved;
  timeline.agent(delays().resolve, officeHours(), { status: 'resolved', note: reply(say(resolution)) });
  if (rng.chance(0.04)) {
    timeline.later([120, 2880], { status: 'in_progress', note: internal(say(NOTES.reopened)) });
    timeline.agent([120, 2880], officeHours(), { status: 'resolved', note: reply(say(NOTES.resolved)) });
  }
  timeline.later([2880, 5760], { status: 'closed' });
  return timeline.steps;
}

/** The ticket planned for a slot, or null when the slot stays quiet. Depends on nothing but its arguments. */
export function planTicket(seed: number, slot: number): TicketPlan | null {
  const [seedLow, seedHigh] = seedWords(seed);
  const start = slotStart(slot);
  if (unitFromHash(hashInts([seedLow, seedHigh, slot, 0])) >= arrivalRate(start)) return null;

  const rng = new Rng(hashInts([seedLow, seedHigh, slot, 1]));
  const createdAt = start + rng.int(0, SLOT_MS / 1000 - 1) * 1000;
  const customer = rng.weighted(DEMO_CUSTOMERS.map((c) => [c, c.weight] as const));
  const kind = rng.weighted<TicketKind>([
    ['incident', 67],
    ['request', 30],
    ['security', 3],
  ]);
  let priority: Priority;
  let severity: string | null = null;
  let cveId: string | null = null;
  let template: TicketTemplate;
  if (kind === 'security') {
    severity = rng.chance(0.35) ? 'critical' : 'high';
    priority = severity === 'critical' ? 'P1' : 'P2';
    cveId = `CVE-${new Date(createdAt).getUTCFullYear()}-${rng.int(10000, 59999)}`;
    template = pickTemplate(rng, SECURITY_TEMPLATES);
  } else if (kind === 'request') {
    priority = rng.weighted<Priority>([
      ['P2', 5],
      ['P3', 35],
      ['P4', 60],
    ]);
    template = pickTemplate(rng, REQUEST_TEMPLATES);
  } else {
    priority = rng.weighted<Priority>([
      ['P1', 4],
      ['P2', 21],
      ['P3', 40],
      ['P4', 35],
    ]);
    template = pickTemplate(rng, INCIDENT_TEMPLATES);
  }

  const vars = templateVars(rng, customer, priority, severity, cveId);
  const say = (phrases: readonly string[]): string => fill(rng.pick(phrases), vars);
  const input: LifecycleInput = { rng, createdAt, kind, priority, say };
  return {
    externalId: `DEMO-${slot - ID_EPOCH_SLOT}`,
    customerExternalId: customer.externalId,
    subject: fill(template.subject, vars),
    description: fill(template.description, vars),
    kind,
    cveId,
    severity,
    priority,
    createdAt,
    steps: kind === 'security' ? planSecurity(input) : planSupport(input),
  };
}

function templateVars(
  rng: Rng,
  customer: DemoCustomer,
  priority: Priority,
  severity: string | null,
  cveId: string | null,
): Record<string, string> {
  return {
    product: customer.product,
    service: rng.pick(customer.services),
    domain: customer.domain,
    lead: customer.leadEngineer.name,
    partner: rng.pick(PARTNERS),
    env: rng.pick(ENVIRONMENTS),
    version: `${rng.int(3, 6)}.${rng.int(0, 20)}.${rng.int(0, 9)}`,
    percent: String(rng.int(5, 60)),
    count: String(rng.int(3, 400)),
    minutes: String(rng.int(15, 180)),
    hours: String(REPLY_WITHIN_HOURS[priority]),
    library: rng.pick(SECURITY_LIBRARIES),
    severity: severity ?? '',
    cve: cveId ?? '',
  };
}

/** The plan behind one of the desk's ticket numbers, or null when the desk has no such ticket. */
export function planOf(seed: number, externalId: string): TicketPlan | null {
  const match = /^DEMO-(-?\d{1,15})$/.exec(externalId);
  if (!match) return null;
  const plan = planTicket(seed, Number(match[1]) + ID_EPOCH_SLOT);
  return plan?.externalId === externalId ? plan : null;
}

function setStatus(ticket: TicketRecord, status: TicketStatus, at: number): void {
  ticket.status = status;
  ticket.resolvedAt = isOpenStatus(status) ? null : (ticket.resolvedAt ?? at);
}

function applyStep(ticket: TicketRecord, index: number, step: PlannedStep): void {
  ticket.updatedAt = step.at;
  if (index > 0 && (step.status || step.priority || step.milestone)) {
    ticket.history.push({
      at: step.at,
      ...(step.status ? { status: step.status } : {}),
      ...(step.priority ? { priority: step.priority } : {}),
      ...(step.milestone ? { milestone: step.milestone } : {}),
    });
  }
  if (step.status) setStatus(ticket, step.status, step.at);
  if (step.assignee) ticket.assignee = step.assignee;
  if (step.priority) ticket.priority = step.priority;
  if (step.note) {
    ticket.notes.push({ externalId: `${ticket.externalId}-${index}`, ...step.note, createdAt: step.at });
    if (step.note.public) ticket.firstResponseAt ??= step.at;
  }
}

/** A person's change, as `applyAction` shows it in Piket; the history records what it really changed. */
function applyChange(ticket: TicketRecord, change: DeskChange): void {
  const { action, at, author } = change;
  ticket.updatedAt = at;
  if (addsText(action)) {
    const isPublic = action.kind === 'reply';
    ticket.notes.push({
      externalId: change.noteId,
      author,
      body: action.body,
      public: isPublic,
      createdAt: at,
    });
    if (isPublic) ticket.firstResponseAt ??= at;
    return;
  }
  const { status, priority, assignee } = ticket;
  const after = applyAction({ status, priority, assignee }, { action, me: author, was: {} });
  const entry: TicketChange = { at };
  if (after.status !== status) {
    entry.status = after.status;
    setStatus(ticket, after.status, at);
  }
  if (after.priority !== priority) {
    entry.priority = after.priority;
    ticket.priority = after.priority;
  }
  ticket.assignee = after.assignee;
  if (entry.status || entry.priority) ticket.history.push(entry);
}

/**
 * The ticket as the desk shows it at `instant`, null before it is created: its planned steps up to then, and the
 * changes people made on the desk (desk-changes.ts) merged in time order, a step before a change at the same
 * instant. A change that sets a field (anything but a note or a reply) takes the ticket over: the simulated team
 * makes no further steps on it, so what the person set stays as they set it until they change it again.
 */
export function ticketAt(
  plan: TicketPlan,
  instant: number,
  source: string,
  changes: readonly DeskChange[] = [],
): TicketRecord | null {
  if (plan.createdAt > instant) return null;
  const ticket: TicketRecord = {
    source,
    externalId: plan.externalId,
    customerExternalId: plan.customerExternalId,
    subject: plan.subject,
    description: plan.description,
    priority: plan.priority,
    kind: plan.kind,
    cveId: plan.cveId,
    severity: plan.severity,
    status: 'new',
    assignee: null,
    createdAt: plan.createdAt,
    firstResponseAt: null,
    resolvedAt: null,
    updatedAt: plan.createdAt,
    notes: [],
    history: [{ at: plan.createdAt, status: 'new', priority: plan.priority }],
  };
  const due = changes.filter((change) => change.at <= instant);
  let next = 0;
  let takenOver = false;
  const applyChangesBefore = (limit: number): void => {
    for (; next < due.length && due[next]!.at < limit; next++) {
      applyChange(ticket, due[next]!);
      takenOver ||= !addsText(due[next]!.action);
    }
  };
  for (const [index, step] of plan.steps.entries()) {
    if (step.at > instant) break;
    applyChangesBefore(step.at);
    if (takenOver) break;
    applyStep(ticket, index, step);
  }
  applyChangesBefore(Infinity);
  return ticket;
}
