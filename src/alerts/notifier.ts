// The one way the core gets a person's attention outside any window: each host injects a Notifier (Electron's
// Notification in the app; node-notifier in browser mode and `piket watch`), and the core records what became of
// every notice it handed over (src/store/alert-deliveries.ts).

/** What a notice asks of the person. A P1 is `critical`: it never times out and pierces what the OS allows. */
export type NoticeUrgency = 'critical' | 'normal' | 'low';

export interface AlertNotice {
  /** Stable across restarts; a notice with the same key is never shown twice. */
  key: string;
  title: string;
  body: string;
  urgency: NoticeUrgency;
  /** The ticket a click opens (its local id), or null for a summary. */
  ticketId: number | null;
  /** It fell due earlier (asleep, offline, Piket closed) and is raised now, late rather than never. */
  late: boolean;
}

/**
 * What became of a notice, as far as the OS tells: `shown` (handed to the OS's notification service), `clicked`
 * (the person opened it), `dismissed`, `timed_out` (it went away by itself), `failed` (no notification service,
 * the OS refused, or the notifier broke: the core tries again later).
 */
export type DeliveryOutcome = 'shown' | 'clicked' | 'dismissed' | 'timed_out' | 'failed';

export interface Notifier {
  /** `electron`: the app's own notifications; `desktop`: node-notifier (browser mode, piket watch). */
  readonly channel: 'electron' | 'desktop';
  /** Hands one notice to the OS; resolves with the outcome, never rejects. */
  notify(notice: AlertNotice): Promise<DeliveryOutcome>;
  /** What keeps notices from reaching the person now, in words (no notification service); null when nothing. */
  problem(): string | null;
}
