// The vocabulary of SLA clocks: what a ticket's history looks like to the SLA engine, and what a clock reports.
import type { Priority, TicketChange, TicketKind, TicketStatus } from '../domain/ticket';

export const SLA_TARGETS = ['response', 'resolution', 'securityPlan', 'securityPatch'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** stopped: the ticket was solved before the target was met, so it is no longer measured (clocks.ts). */
export type ClockState = 'running' | 'paused' | 'met' | 'breached' | 'stopped';

/** What the SLA engine needs to know of a ticket. */
export interface SlaTicket {
  createdAt: number;
  kind: TicketKind;
  /** Security tickets whose severity is in the policy's security severities (default critical, high; any case) get the CVE clocks. */
  severity: string | null;
  /** Status and priority at creation. */
  initialStatus: TicketStatus;
  initialPriority: Priority;
  /**
   * Later changes and milestones, in any order (the engine sorts by `at`; at one instant the later in the list
   * wins).
   */
  changes: readonly TicketChange[];
  /** First public reply by an agent, or null; meets the response clock (and securityPlan if the policy says so). */
  firstResponseAt: number | null;
  /** The history was rebuilt from the ticket's timestamps because its system reports none (sla-ticket.ts). */
  approximate: boolean;
}

/** A stretch of a clock's life, for the timeline in the ticket pane. */
export interface ClockSegment {
  from: number;
  /** null: still going at `now`. Adjacent segments of one state are merged; empty ones are left out. */
  to: number | null;
  /** paused: a pause status (resolution only); stopped: resolved (or solved, for the other clocks) until reopened. */
  state: 'running' | 'paused' | 'stopped';
}

export interface SlaClock {
  target: SlaTarget;
  /**
   * The clock now: met (stopped by its deadline), breached (dueAt passed unmet, or met after it), stopped
   * (solved before the target was met: no longer measured; a breach before that stays in breachedAt), else
   * running or paused. It may be running again after a breach that a downgrade undid: see breachedAt.
   */
  state: ClockState;
  /** Working-time budget of the target under the priority in force at metAt or stoppedAt (else now), in seconds. */
  budgetSeconds: number;
  /** Working time consumed so far (until met or stopped, else until now), without pauses and stopped stretches. */
  elapsedSeconds: number;
  /** budget − elapsed; negative once breached. */
  remainingSeconds: number;
  /**
   * When the budget runs out: fixed while running; while paused, projected as if the clock resumed now;
   * for a met or stopped clock, the deadline it had when it was met or stopped.
   */
  dueAt: number;
  /** The first instant the clock was ever over budget; stays set even if a later change would undo it. */
  breachedAt: number | null;
  /** When the target was met (first reply, resolution, …), or null. */
  metAt: number | null;
  /** When the clock stopped without its target met (state 'stopped'), or null; cleared by a reopen. */
  stoppedAt: number | null;
  /** Warning fractions (e.g. 0.5, 0.75, 0.9) whose instant has passed, ascending. */
  thresholdsCrossed: number[];
  /**
   * Instants at which each warning fraction is (or was) reached while running, projected like dueAt when
   * still ahead; null when the clock was met or stopped first.
   */
  thresholdInstants: Array<{ fraction: number; at: number | null }>;
  segments: ClockSegment[];
  /** IANA zone of the calendar the clock runs on (under the current priority), for showing instants in that zone. */
  timeZone: string;
  /** Computed from a rebuilt history (the ticket's system reports none): times may be off, say so. */
  approximate: boolean;
}
