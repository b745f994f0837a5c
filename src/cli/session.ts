// One CLI command's link to Piket: the service opened on the data folder, and `call`, which runs an API method
// here or, for a method that writes while another Piket owns the folder, in that Piket over its control socket.
import { isOwnerMethod, type MethodName, type MethodResults, type TicketSummary } from '../api';
import type { QueueQuery } from '../api/schemas';
import { dispatch } from '../api/dispatch';
import { callOwner } from '../control/control-client';
import type { PiketService } from '../core/piket-service';
import { UsageError } from '../platform/command-line';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Everything on standard input (for a note given as "-"). */
  stdin: () => Promise<string>;
}

export interface Session {
  service: PiketService;
  dataDir: string;
  io: CliIo;
}

/** Calls the API as the UI does; a refused argument is a usage error, anything else a failure (exit 1). */
export async function call<M extends MethodName>(
  { service, dataDir, io }: Session,
  method: M,
  args: unknown,
): Promise<MethodResults[M]> {
  const result =
    isOwnerMethod(method) && service.readOnlyReason !== null
      ? await callOwner(dataDir, method, args)
      : await dispatch(service.handlers, method, args, (error) =>
          io.stderr(`piket: ${method}: ${error instanceof Error ? error.message : String(error)}\n`),
        );
  if (result.ok) return result.value as MethodResults[M];
  if (result.error.code === 'invalid_argument') throw new UsageError(result.error.message);
  throw new Error(result.error.message);
}

const PAGE_SIZE = 1000;

/** Every ticket of the queue that `query` selects, page by page. */
export async function readQueue(session: Session, query: Partial<QueueQuery>): Promise<TicketSummary[]> {
  const tickets: TicketSummary[] = [];
  let after: string | null = null;
  do {
    const page: MethodResults['listQueue'] = await call(session, 'listQueue', {
      ...query,
      limit: PAGE_SIZE,
      ...(after !== null && { after }),
    });
    tickets.push(...page.tickets);
    after = page.nextCursor;
  } while (after !== null);
  return tickets;
}
