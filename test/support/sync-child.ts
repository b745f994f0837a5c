// A Piket in a child process, for the sync fault tests: opens the data folder given on the command line with
// openPiketService on a fake clock fixed at the given instant (so nothing runs on a timer: the process syncs only
// when told), and runs one JSON command per stdin line, answering each (by its id) with one JSON line on stdout,
// as soon as it is done: a later command may be answered first. A test can
// so SIGKILL a real process at a chosen point and start another on the same folder. The Zendesk token comes from
// the environment variable the folder's connection names. Closing stdin closes the service and ends the process.
import { createInterface } from 'node:readline';
import type { SyncStatus } from '../../src/api/contract';
import type { TicketAction } from '../../src/domain/action';
import { openPiketService } from '../../src/core/piket-service';
import { createFakeClock } from './fake-clock';

export interface ChildOptions {
  dataDir: string;
  /** The child's clock, fixed. */
  now: number;
}

export type ChildCommand =
  /** Syncs every connection now (push, then pull) and answers with the status. */
  | { op: 'sync' }
  /** Makes the actions one after the other, without waiting for anything in between; answers how many. */
  | { op: 'act'; actions: Array<{ ref: string; action: TicketAction }> };

export type ChildAnswer = { synced: SyncStatus } | { acted: number } | { error: string };

/** The first line says the child is ready; every other line answers the command with the same id. */
export type ChildMessage = { ready: true; pid: number } | ({ id: number } & ChildAnswer);

const options = JSON.parse(process.argv[2] ?? '') as ChildOptions;
const service = openPiketService({
  dataDir: options.dataDir,
  version: 'fault-tests',
  role: 'app',
  clock: createFakeClock(options.now),
});

function say(message: ChildMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function run(command: ChildCommand): Promise<ChildAnswer> {
  const { handlers } = service;
  if (command.op === 'sync') return { synced: await handlers.syncNow({}) };
  // Every action is recorded before the first request it starts can be answered.
  const ids = await Promise.all(command.actions.map(({ ref }) => handlers.findTicket({ ref })));
  const made = command.actions.map(({ action }, index) =>
    handlers.actOnTicket({ id: ids[index]!.id, action }),
  );
  await Promise.all(made);
  return { acted: made.length };
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { id, ...command } = JSON.parse(line) as { id: number } & ChildCommand;
  run(command as ChildCommand).then(
    (answer) => say({ id, ...answer }),
    (error: unknown) => say({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
lines.on('close', () => {
  service.close();
  process.exit(0);
});
say({ ready: true, pid: process.pid });
