// The one contract between the UI and the core: view types, method results, events and the PiketApi interface.
import type { TicketAction } from '../domain/action';
import type { LadderView } from '../escalation/ladder';
import type { ContactPerson, Priority, TicketKind, TicketStatus } from '../domain/ticket';
import type { ClockState, SlaClock, SlaTarget } from '../sla/clock-types';
import type { ContractsConfig } from '../sla/contracts';
import type { Attendee } from '../rotation/ics/people';
import type { LayerShift, Member, Schedule } from '../rotation/model';
import type { Result } from './result';
import type { ALERT_WHEN, ConnectionKind, LanguageSetting, MethodName } from './methods';
import type { QueueSort, QueueView } from './queue-order';
import type { ArgsIn, ArgsOut } from './schemas';

/** A clock as stored with the ticket: enough for the queue to count down live without the calendar maths. */
export interface ClockBrief {
  target: SlaTarget;
  state: ClockState;
  dueAt: number;
  budgetSeconds: number;
  remainingSeconds: number;
  breachedAt: number | null;
  /** When this brief was computed (a running clock turns breached once now ≥ dueAt). */
  computedAt: number;
}

export interface SlaBrief {
  /** Earliest deadline of a running, unmet clock; null when nothing is running. */
  nextDueAt: number | null;
  /** Whether any clock of the ticket has ever breached. */
  breached: boolean;
  /** The clocks are estimates: the ticket's system reports no history, so it was rebuilt from timestamps. */
  approximate: boolean;
  clocks: ClockBrief[];
}

export interface TicketSummary {
  id: number;
  source: string;
  externalId: string;
  customerId: string;
  customerName: string;
  subject: string;
  priority: Priority;
  status: TicketStatus;
  kind: TicketKind;
  cveId: string | null;
  assignee: string | null;
  createdAt: number;
  updatedAt: number;
  hasPending: boolean;
  /** null when the customer's contract has no SLA for this ticket, or when it could not be computed (slaError). */
  sla: SlaBrief | null;
  /** Why this ticket's SLA could not be computed (the UI shows "SLA unavailable"); null when it was. */
  slaError: string | null;
}

export interface NoteView {
  id: number;
  author: string;
  body: string;
  public: boolean;
  createdAt: number;
}

/**
 * A change the user made to a ticket that its ticket system has not settled: `pending` (waiting to be sent),
 * `inflight`, `unknown` (sent, answer lost: checked before it is sent again), `acked` (arrived, waiting for the
 * next pull to show it), `rejected` or `conflict` (not made: the user retries, edits or discards it).
 */
export type ChangeState = 'pending' | 'inflight' | 'unknown' | 'acked' | 'rejected' | 'conflict';

export interface ChangeView {
  /** The change's number in the outbox (retryChange, editChange and discardChange take it). */
  seq: number;
  action: TicketAction;
  state: ChangeState;
  /** What the ticket system said (rejected, conflict) or why it waits; null when all is well. */
  message: string | null;
  createdAt: number;
  attempts: number;
}

/** A change with the ticket it belongs to, for lists across tickets. */
export interface TicketChangeView extends ChangeView {
  ticketId: number;
  source: string;
  externalId: string;
  subject: string;
}

/** A priority change's effect on the SLA before the user confirms it: the clocks now and after. */
export interface PriorityPreview {
  ticketId: number;
  from: Priority;
  to: Priority;
  before: ClockBrief[];
  after: ClockBrief[];
}

export interface CustomerSummary {
  id: string;
  source: string;
  name: string;
  tam: ContactPerson | null;
  leadEngineer: ContactPerson | null;
  uptimePromise: string | null;
  timeZone: string;
}

export interface TicketDetail extends TicketSummary {
  description: string;
  severity: string | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  notes: NoteView[];
  customer: CustomerSummary;
  /** Every SLA clock of the ticket, computed now, with its timeline. */
  clocks: SlaClock[];
  /** Name of the SLA policy that applies. */
  policyName: string | null;
  /** The user's changes its ticket system has not settled, oldest first. */
  changes: ChangeView[];
  /** Its escalation ladder: every step, whom to call now and when the next step fires. */
  ladder: LadderView;
}

export interface ContractsView {
  /** The contracts file (documented JSON) the user edits. */
  file: string;
  /** The last problem loading it; the previous valid contracts stay in effect. */
  error: string | null;
  config: ContractsConfig;
  customers: Array<{ customerId: string; customerName: string; policy: string }>;
}

/** A warning or breach of an SLA clock, raised once by the scheduler. */
export interface SlaAlert {
  /** Stable across restarts: the alert is raised once for ever. */
  key: string;
  source: string;
  ticketId: number;
  externalId: string;
  subject: string;
  priority: Priority;
  target: SlaTarget;
  kind: 'warning' | 'breach';
  /** The budget fraction for a warning (0.5, 0.75, …); null for a breach. */
  fraction: number | null;
  dueAt: number;
  /** When the event was due (may be earlier than when it was raised, after sleep). */
  at: number;
}

export interface QueuePage {
  tickets: TicketSummary[];
  /** Pass it as `after` for the next page; null when this page is the last. */
  nextCursor: string | null;
}

export interface QueueStats {
  open: number;
  byPriority: Record<Priority, number>;
  mine: number;
  /** How many tickets the "Needs me now" view lists (the needsMe scope of listQueue, without filters). */
  needsMe: number;
}

export type SyncState = 'idle' | 'syncing' | 'error';

/**
 * One connection's pulling: `offline` when its ticket system cannot be reached, `stopped` when it refused Piket
 * (bad token, no permission) and waits for the user to sync again or change the connection.
 */
export type ConnectionSyncState = 'idle' | 'syncing' | 'error' | 'offline' | 'stopped';

export interface ConnectionSyncStatus {
  source: string;
  label: string;
  state: ConnectionSyncState;
  /** When its last round ended with everything pulled. */
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  /** What went wrong, in words, and the records it refused. */
  message: string | null;
  /** How many of its records were refused and are kept until they are accepted. */
  rejected: number;
  /** When it is tried again after a failure (error or offline); null otherwise. */
  nextAttemptAt: number | null;
  /** Changes made in Piket that wait to be sent (or to be confirmed sent). */
  waiting: number;
  /** Changes the ticket system refused or that conflict with someone else's, waiting for the user. */
  problems: number;
}

export interface SyncStatus {
  /** `error` when any connection failed, is offline or stopped, or has refused records. */
  state: SyncState;
  /** Since when everything is at least this fresh: the oldest connection's last success (null: one never). */
  lastSyncAt: number | null;
  /** The connections' messages, each after its label. */
  message: string | null;
  connections: ConnectionSyncStatus[];
}

export interface Settings {
  language: LanguageSetting;
  me: string;
  /** The view the queue screen opens with: "Needs me now" on first start, afterwards the view used last. */
  queueView: QueueView;
  /** The sort chosen in each view. */
  queueSorts: Record<QueueView, QueueSort>;
  /** Seconds between two syncs of a healthy connection (it also syncs on start, wake, and after each change). */
  syncIntervalSeconds: number;
  /** Until when alerts other than P1s are held back (`pauseAlerts`); null when they are not. */
  alertsPausedUntil: number | null;
  /** `always`, or only while I am on call (per the rotation; with no rotation known I count as on call). */
  alertWhen: AlertWhen;
  /** Hours in which only P1s notify (and those only while I am on call); null for none. */
  quietHours: QuietHours | null;
}

export type AlertWhen = (typeof ALERT_WHEN)[number];

/** A daily span of wall time in a time zone, e.g. 22:00–07:00 Europe/Amsterdam (it may run past midnight). */
export interface QuietHours {
  /** 'HH:MM', 24-hour. */
  from: string;
  to: string;
  /** IANA zone the times are read in. */
  timeZone: string;
}

/**
 * The overall state the tray and the tab show, most pressing first: a P1 awaits acknowledgement, syncing fails
 * (or changes were refused), the ticket systems cannot be reached, a deadline has passed or falls within the hour,
 * or all is quiet.
 */
export type AttentionState = 'p1' | 'error' | 'offline' | 'warning' | 'quiet';

/** An open P1 nobody has acknowledged yet (status still new). */
export interface WaitingP1 {
  id: number;
  source: string;
  externalId: string;
  subject: string;
  customerName: string;
  createdAt: number;
  /** Until when its alert window and panel stay away (snoozeP1); null when not snoozed. */
  snoozedUntil: number | null;
}

/** The core's summary for the tray, the alert window and the tab (getOverview, overviewChanged). */
export interface Overview {
  state: AttentionState;
  open: number;
  /** Oldest first. */
  p1Waiting: WaitingP1[];
  /** Open tickets with a deadline already passed. */
  breached: number;
  /** Open tickets whose nearest deadline falls within the next hour. */
  dueSoon: number;
  /** Changes waiting to be sent, and changes refused or in conflict. */
  waiting: number;
  problems: number;
  /** Connections that cannot reach their ticket system, and what went wrong with the others (words). */
  offline: number;
  syncMessage: string | null;
  lastSyncAt: number | null;
  alertsPausedUntil: number | null;
  /** Who holds the pager now, per schedule (empty without schedules; a schedule in a gap has no names). */
  onCall: Array<{ schedule: string; names: string[] }>;
  computedAt: number;
}

/** How notices reach the person in this host, and whether they do (the notification health panel). */
export interface NotificationHealth {
  /** `electron` in the app, `desktop` (node-notifier) in browser mode and piket watch, `none` without one. */
  channel: 'electron' | 'desktop' | 'none';
  /** What stops notices now, in words (no notification service, the OS refused, recent failures); null if none. */
  problem: string | null;
  /** How to allow Piket's notifications on this OS, and what Do Not Disturb does to them. */
  advice: string;
  platform: 'linux' | 'darwin' | 'win32' | 'other';
  lastNotice: NoticeRecord | null;
  /** Notices that failed in the last 24 hours. */
  failedRecently: number;
}

/** One notice and what became of it (`waiting`: not handed over yet, or waiting for another try). */
export interface NoticeRecord {
  title: string;
  urgency: 'critical' | 'normal' | 'low';
  outcome: 'waiting' | 'shown' | 'clicked' | 'dismissed' | 'timed_out' | 'failed';
  raisedAt: number;
  deliveredAt: number | null;
  attempts: number;
  late: boolean;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  demoEnabled: boolean;
  settings: Settings;
  sync: SyncStatus;
  /** Things the user must know from start-up, e.g. that a damaged database was moved aside. */
  notices: string[];
}

/** Where a connection's token is kept (never the token itself). */
export type SecretView =
  { store: 'env'; name: string } | { store: 'file'; path: string } | { store: 'keychain' };

export interface ConnectionView {
  /** Also the `source` of its tickets, and the prefix in CONNECTION:NUMBER. */
  id: string;
  kind: ConnectionKind;
  label: string;
  url: string;
  /** The login (e-mail) the connection acts as. */
  email: string;
  secret: SecretView;
  createdAt: number;
  tickets: number;
  /** Changes made in Piket that have not reached the ticket system yet. */
  pending: number;
}

/** What "Test connection" found: who the connection acts as, or what is wrong in words. */
export interface ConnectionTest {
  ok: boolean;
  /** The class of the problem (see ConnectorError kinds), 'secret' when the token cannot be read. */
  problem: string | null;
  message: string;
  identity: { name: string; email: string | null; role: string } | null;
  /** Whether the login may use the full export (else the slower search export is used). */
  fullExport: boolean | null;
}

/** An instant, and how it shows on the schedule's wall clock and on mine, each as 'YYYY-MM-DDTHH:MM+02:00'. */
export interface InstantView {
  at: number;
  /** In the schedule's zone (for a feed that names no zone: mine). */
  local: string;
  /** In my zone (this computer's). */
  mine: string;
}

export type ScheduleKind = 'local' | 'feed';

/** A rotation schedule: made in Piket (`local`) or an iCalendar feed read from a file or a URL (`feed`). */
export interface ScheduleView {
  id: string;
  name: string;
  kind: ScheduleKind;
  /** The schedule's IANA zone, or the feed's own; null for a feed that names none (its times show in mine). */
  timeZone: string | null;
  /** feed: the URL or absolute file path it is read from; null for a schedule made in Piket. */
  source: string | null;
  /** feed: when its stored text was fetched (what Piket shows is as of then); local: when it was last saved. */
  asOf: number;
  /** feed: its own name (X-WR-CALNAME), when it has one. */
  feedName: string | null;
  /** feed: what went wrong at the last refresh, in words (the stored text stays in use); null when it worked. */
  lastError: string | null;
  lastAttemptAt: number | null;
  /** Who is on call now: the final schedule's member, or the person of each feed entry covering now. */
  onCallNow: string[];
  /** Whether I take part: one of my names is a layer's member or an override's (local), or is on call now (feed). */
  withMe: boolean;
  /** The schedule itself, for the editor; null for a feed. */
  schedule: Schedule | null;
}

/** A feed imported or refreshed: its view, what it holds, and what the importer left out or guessed. */
export interface ScheduleImport {
  schedule: ScheduleView;
  /** Entries from a week ago to 90 days ahead. */
  entries: number;
  warnings: string[];
}

/** Who holds a schedule (or one of its layers) at an instant, and the stretch they hold it without a break. */
export interface OnCallSlotView {
  /** null: nobody (a gap). */
  member: Member | null;
  /** What puts them on call: a layer's turn or an override; null in a gap. */
  source: 'layer' | 'override' | null;
  /** null: beyond 400 days. */
  since: InstantView | null;
  until: InstantView | null;
}

/** A feed entry covering the instant: the person shown, and everything the feed says about them. */
export interface FeedOnCallView {
  uid: string;
  person: string;
  summary: string;
  attendees: Attendee[];
  allDay: boolean;
  start: InstantView;
  end: InstantView;
}

export interface ScheduleOnCall {
  id: string;
  name: string;
  kind: ScheduleKind;
  /** The zone of the `local` times. */
  timeZone: string;
  asOf: number;
  lastError: string | null;
  /** local: who gets paged; null for a feed. */
  final: OnCallSlotView | null;
  /** local: each layer on its own, in the schedule's order; empty for a feed. */
  layers: Array<OnCallSlotView & { layerId: string; layerName: string }>;
  /** feed: the entries covering the instant (several when shifts overlap); empty for a local schedule. */
  entries: FeedOnCallView[];
}

/** Who is on call at an instant, per schedule. */
export interface OnCallReport {
  at: number;
  /** My zone (this computer's), in which every `mine` time is shown. */
  myZone: string;
  schedules: ScheduleOnCall[];
}

/** One stretch of a schedule in a range: who is on call from `start` to `end`, and what puts them there. */
export interface RangeEntryView {
  start: number;
  end: number;
  /** The name shown: the member's, or a feed entry's most readable name. */
  person: string;
  /** With the contact details the schedule has (a feed's: the person and the first attendee's e-mail). */
  member: Member;
  /** A layer's turn or an override in a schedule made in Piket; an entry of a feed. */
  source: 'layer' | 'override' | 'feed';
  /** The layer of the turn or of the override; null for an override of the whole schedule and for a feed. */
  layerId: string | null;
  layerName: string | null;
  overrideId: string | null;
  /** feed: the event's summary; null otherwise. */
  summary: string | null;
  /** feed: the event's attendees; empty otherwise. */
  attendees: Attendee[];
  allDay: boolean;
}

/**
 * Time claimed more than once (precedence settles who is paged): two layers with someone, two overrides of the same
 * scope, or two feed entries of different people.
 */
export interface RangeOverlapView {
  start: number;
  end: number;
  kind: 'layers' | 'overrides' | 'entries';
  /** The layer whose overrides overlap; null otherwise. */
  layerId: string | null;
  /** Who claims the time, the one paged first. */
  people: string[];
}

/** A stretch held by one person without a break (`start`/`end` null: beyond 400 days). */
export interface RangeShiftView {
  person: string;
  member: Member;
  start: number | null;
  end: number | null;
  source: 'layer' | 'override' | 'feed';
  /** Whether it is under way now. */
  current: boolean;
}

/** A schedule over a range of at most 62 days, for the rotation view, and who is on call now, next and when I am. */
export interface ScheduleRange {
  id: string;
  name: string;
  kind: ScheduleKind;
  /** The zone of the schedule's wall clock (a feed that names none: mine). */
  timeZone: string;
  /** My zone (this computer's). */
  myZone: string;
  asOf: number;
  lastError: string | null;
  from: number;
  to: number;
  /** The instant `onCall`, `next` and `mine` were computed at. */
  now: number;
  /** The final schedule (a feed: its entries), in time order, cut to the range. */
  entries: RangeEntryView[];
  /** Where nobody is on call, cut to the range. */
  gaps: Array<{ start: number; end: number }>;
  overlaps: RangeOverlapView[];
  /** local: each layer's shifts overlapping the range, whole and before overrides (what a swap exchanges). */
  layers: Array<{ layerId: string; layerName: string; shifts: LayerShift[] }>;
  /** Who holds it now (a feed: each entry covering now). */
  onCall: RangeShiftView[];
  /** Who takes it after whoever holds it now; null when nobody does within 62 days (a feed) or 400 (local). */
  next: RangeShiftView | null;
  /** My shift under way now, or my next one; null when none is known (or the `me` setting is empty). */
  mine: RangeShiftView | null;
}

/** A schedule, or my shifts in it, as an RFC 5545 calendar. */
export interface ScheduleExport {
  name: string;
  from: number;
  to: number;
  events: number;
  ics: string;
}

/** The result type of every method. */
export interface MethodResults {
  getInfo: AppInfo;
  listQueue: QueuePage;
  getQueueStats: QueueStats;
  getTicket: TicketDetail;
  listCustomers: CustomerSummary[];
  syncNow: SyncStatus;
  setDemoEnabled: AppInfo;
  getSettings: Settings;
  updateSettings: Settings;
  getContracts: ContractsView;
  reloadContracts: ContractsView;
  listConnections: ConnectionView[];
  addConnection: ConnectionView;
  testConnection: ConnectionTest;
  removeConnection: ConnectionView[];
  findTicket: TicketDetail;
  listChanges: TicketChangeView[];
  pauseAlerts: Settings;
  actOnTicket: TicketDetail;
  previewPriority: PriorityPreview;
  retryChange: TicketDetail;
  editChange: TicketDetail;
  discardChange: TicketDetail;
  getOverview: Overview;
  snoozeP1: Overview;
  getNotificationHealth: NotificationHealth;
  sendTestNotification: NotificationHealth;
  listSchedules: ScheduleView[];
  getOnCall: OnCallReport;
  importSchedule: ScheduleImport;
  refreshSchedule: ScheduleImport;
  saveSchedule: ScheduleView;
  removeSchedule: ScheduleView[];
  exportSchedule: ScheduleExport;
  getScheduleRange: ScheduleRange;
}

/** Events pushed from the core to every UI. */
export interface PiketEvents {
  queueChanged: { ticketIds: number[] };
  syncStatus: SyncStatus;
  settingsChanged: Settings;
  slaAlerts: SlaAlert[];
  contractsChanged: ContractsView;
  connectionsChanged: ConnectionView[];
  overviewChanged: Overview;
  /** A notification was clicked: show this ticket (null: a summary, just the queue). */
  openTicket: { ticketId: number | null };
  /** A schedule was imported, refreshed, saved or removed. */
  schedulesChanged: ScheduleView[];
}
export type EventName = keyof PiketEvents;
/** Every event once: a new event missing here (or a stale one left here) fails to compile. */
const EVENTS = {
  queueChanged: true,
  syncStatus: true,
  settingsChanged: true,
  slaAlerts: true,
  contractsChanged: true,
  connectionsChanged: true,
  overviewChanged: true,
  openTicket: true,
  schedulesChanged: true,
} as const satisfies Record<EventName, true>;
export const EVENT_NAMES = Object.keys(EVENTS) as readonly EventName[];

export type Unsubscribe = () => void;
export type EventListener<E extends EventName> = (payload: PiketEvents[E]) => void;

/** The API as the UI sees it: every call resolves to a Result, never throws. */
export type PiketApi = {
  [M in MethodName]: (args: ArgsIn<M>) => Promise<Result<MethodResults[M]>>;
} & {
  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe;
};

/** The API as the core implements it: validated arguments in, plain values out (failures throw ApiFailure). */
export type PiketHandlers = {
  [M in MethodName]: (args: ArgsOut<M>) => Promise<MethodResults[M]> | MethodResults[M];
};
