// The messages between the sync benchmark (sync.bench.ts) and its two child processes: the Zendesk test server
// (sync-server.ts) and the Piket process that syncs (sync-client.ts). Each child answers one request at a time.

export type ServerRequest =
  { type: 'change'; count: number; skip: number } | { type: 'comments'; ids: string[] } | { type: 'stop' };

export type ServerReply =
  | { type: 'ready'; url: string; token: string; admin: string; seedMs: number }
  | { type: 'changed'; count: number }
  | { type: 'comments'; count: number };

export type ClientRequest =
  | { type: 'initial' }
  | { type: 'baseline' }
  | { type: 'incremental'; changed: number }
  | { type: 'pushTickets'; count: number }
  | { type: 'push'; externalIds: string[]; notes: number }
  | { type: 'stop' };

/** The 100k-ticket sync, split by where the time went. */
export interface InitialFigures {
  tickets: number;
  wallMs: number;
  /** From each request's start to the last byte of its answer (sequential, so they add up). */
  httpMs: number;
  requests: number;
  /** Inside Connector.pull: the HTTP above plus parsing, checking and mapping the answers. */
  pullMs: number;
  /** Inside PullStore.applyPage, per resource. */
  applyMs: Record<string, number>;
  pages: Record<string, number>;
  /** Additions (one per ticket per events page): each one rewrites its ticket's effective row. */
  additions: number;
  /** Rounds run again after the connection broke off. */
  retries: number;
  /** CPU time of the sync process during the sync, and inside applyPage (user + system). */
  cpuMs: number;
  applyCpuMs: number;
  /** RSS before the sync started, the highest sample taken every 50 ms, and the kernel's peak (maxRSS). */
  rssBeforeBytes: number;
  rssSampledPeakBytes: number;
  maxRssBytes: number;
}

export interface BaselineFigures {
  rows: number;
  notes: number;
  ms: number;
  cpuMs: number;
}

/** One page of an incremental round: what it carried and how long it took from its answer to its commit. */
export interface IncrementalPage {
  resource: string;
  tickets: number;
  additions: number;
  applyMs: number;
  applyCpuMs: number;
  /** From the last byte of the export's answer to the end of applyPage (parse, check, map and store). */
  arrivalToCommitMs: number;
}

export interface IncrementalFigures {
  wallMs: number;
  /** Rounds run again after the connection broke off. */
  retries: number;
  pages: IncrementalPage[];
}

export interface PushFigures {
  notes: number;
  recordMs: number;
  pushMs: number;
  httpMs: number;
  requests: number;
  /** Inside PullStore.applyTickets (the answered ticket stored as fresh server state). */
  applyTicketsMs: number;
  /** Inside the outbox's due / markInflight / markAcked. */
  outboxMs: number;
  acked: number;
  /** 1,000 bare fetch PUTs of the same notes, one after another. */
  bareMs: number;
  /** One small write transaction's commit on this disk (WAL, synchronous=FULL: an fsync), median. */
  commitMs: number;
}

export type ClientReply =
  | { type: 'ready' }
  | { type: 'initial'; figures: InitialFigures }
  | { type: 'baseline'; figures: BaselineFigures }
  | { type: 'incremental'; figures: IncrementalFigures }
  | { type: 'pushTickets'; externalIds: string[] }
  | { type: 'push'; figures: PushFigures }
  | { type: 'error'; message: string };
