// The messages between the alerts benchmark (alerts.bench.ts) and the Piket process it measures (alerts-service.ts).
// The service answers one request at a time.

/** The sync interval while nothing is measured, and of the idle window without a sync: the longest allowed. */
export const QUIET_SYNC_SECONDS = 3600;
/** `settle` is over once no major collection followed the memory reducer's last one for this long… */
export const REDUCER_QUIET_MS = 10_000;
/** …or, without a sign of the memory reducer, once no major collection came for this long. */
export const REDUCER_WAIT_MS = 120_000;

export type ServiceRequest =
  /** Sits until V8 has collected what the start left behind (see alerts-service.ts), measuring its CPU time. */
  | { type: 'settle' }
  /** Sits idle for `ms` with the sync interval set to `syncIntervalSeconds`, measuring its own CPU time. */
  | { type: 'idle'; ms: number; syncIntervalSeconds: number }
  /** Syncs now and waits for the notice of the new P1 `externalId`, which the desk has just created. */
  | { type: 'p1'; externalId: string }
  | { type: 'stop' };

/** The state the service is in once started and synced, before anything is measured. */
export interface ReadyFigures {
  /** From openPiketService to the end of the first sync. */
  startMs: number;
  openTickets: number;
  /** Open tickets whose nearest deadline (the queue's due_sort) lies ahead: each has an event in the scheduler. */
  futureDeadlines: number;
}

/** From the end of the start (the first sync and its notices) until V8 had collected what it left behind. */
export interface SettleFigures {
  wallMs: number;
  cpuMs: number;
  /** Major garbage collections meanwhile, and how many of them V8's memory reducer ran. */
  majorGcs: number;
  reducerGcs: number;
  /** Whether the memory reducer was seen at all (else the wait ended on its bound). */
  reduced: boolean;
}

export interface IdleFigures {
  wallMs: number;
  /** User + system CPU time of the whole service process (every thread) over the window. */
  cpuMs: number;
  /** P1s awaiting acknowledgement in the window, their arrival notified and their next reminder armed. */
  awaitingP1s: number;
  /** What happened in the window: notices handed over, sync rounds begun, queueChanged events. */
  notices: number;
  syncRounds: number;
  queueChanges: number;
  /** How many garbage collections ran in the window (major ones among them), and their total pause. */
  gcs: number;
  majorGcs: number;
  gcMs: number;
  /** The heap in use as the window began and as it ended, in bytes. */
  heapStartBytes: number;
  heapEndBytes: number;
}

/** The P1 path from its page's commit to notify(), cut where it passes a seam the benchmark can see. */
export interface P1Parts {
  /** To the queueChanged event: PullSync's onChanged recomputes the page's SLA, then emits it. */
  recompute: number;
  /** To the scheduler's wake-up (the AlertLog write begins): its timer, and whatever the event loop ran first. */
  timer: number;
  /** The scheduler recording the due key in the alert log (one write transaction). */
  firedLog: number;
  /** To the notice's record (AlertDeliveries.enqueue begins): the P1's recompute, then Alerts' gate. */
  raise: number;
  /** Alerts recording the notice (one write transaction). */
  deliveryLog: number;
  /** To notify(): the delivery round, reading the due notices. */
  deliver: number;
}

export interface P1Figures {
  /** From the return of the PullStore.applyPage that committed the P1 to its notify() call. */
  commitToNotifyMs: number;
  parts: P1Parts;
  /** Tickets in the committed page. */
  pageTickets: number;
  /** A bare better-sqlite3 INSERT + COMMIT of one ticket_base row into a scratch file, timed right after. */
  bareCommitMs: number;
}

export type ServiceReply =
  | { type: 'ready'; figures: ReadyFigures }
  | { type: 'settle'; figures: SettleFigures }
  | { type: 'idle'; figures: IdleFigures }
  | { type: 'p1'; figures: P1Figures }
  | { type: 'error'; message: string };
