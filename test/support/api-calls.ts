// Calls a service's API the way a host does (dispatch: validated arguments, failures as values), for tests that check
// both what a method returns and the error it gives in words.
import type { MethodName } from '../../src/api/methods';
import type { Result } from '../../src/api/result';
import { dispatch } from '../../src/api/dispatch';
import type { PiketService } from '../../src/core/piket-service';

export async function call<T>(piket: PiketService, method: MethodName, args: unknown): Promise<Result<T>> {
  return (await dispatch(piket.handlers, method, args)) as Result<T>;
}

/** The value of a call that must succeed; a failure throws with the method's message. */
export async function ok<T>(piket: PiketService, method: MethodName, args: unknown): Promise<T> {
  const result = await call<T>(piket, method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}
