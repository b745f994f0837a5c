// A Piket that does not own its data folder only reads: every handler that would write answers `read_only`.
import type { PiketHandlers } from '../api/contract';
import { ApiFailure } from '../api/dispatch';
import { OWNER_METHODS } from '../api/methods';

/** The handlers with every write method replaced by one that refuses, saying why. */
export function refuseWrites(handlers: PiketHandlers, reason: string): PiketHandlers {
  const refuse = (): never => {
    throw new ApiFailure('read_only', reason);
  };
  return { ...handlers, ...Object.fromEntries(OWNER_METHODS.map((method) => [method, refuse])) };
}
