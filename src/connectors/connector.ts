// The interface every ticket system implements (the demo desk included): pull pages of server state after a cursor.
import type { CustomerRecord, TicketRecord } from '../domain/ticket';

export interface PullPage {
  customers: CustomerRecord[];
  tickets: TicketRecord[];
  /** Opaque server cursor to pass to the next pull; commit it with this page. */
  cursor: string;
  /** True when more pages are ready right now. */
  hasMore: boolean;
}

export interface Connector {
  /** Stable id of this connection, the `source` of every record it returns. */
  readonly source: string;
  /** Name shown to the user. */
  readonly label: string;
  pull(cursor: string | null): Promise<PullPage>;
}
