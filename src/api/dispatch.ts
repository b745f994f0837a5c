// Host-side entry for untrusted calls: checks the method name, validates the argument, runs the handler, returns a Result.
import type { z } from 'zod';
import type { MethodResults, PiketHandlers } from './contract';
import { fail, ok, type ErrorCode, type Result } from './result';
import type { MethodName } from './methods';
import { argSchemas } from './schemas';

/** Thrown by handlers for an expected failure; becomes `{ ok: false, error }` at the boundary. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(argSchemas, name);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Runs one call against the handlers. Never throws: unknown methods, invalid arguments and handler
 * errors all come back as error values. Unexpected errors are reported to `onInternalError` and the caller
 * gets a generic message, never a stack trace.
 */
export async function dispatch(
  handlers: PiketHandlers,
  method: unknown,
  rawArgs: unknown,
  onInternalError: (error: unknown) => void = () => undefined,
): Promise<Result<MethodResults[MethodName]>> {
  if (!isMethodName(method)) {
    return fail('unknown_method', `Unknown method: ${String(method).slice(0, 80)}`);
  }
  const parsed = argSchemas[method].safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return fail('invalid_argument', `Invalid argument for ${method}: ${describeIssues(parsed.error)}`);
  }
  try {
    const handler = handlers[method] as (args: unknown) => Promise<unknown> | unknown;
    return ok((await handler.call(handlers, parsed.data)) as MethodResults[MethodName]);
  } catch (error) {
    if (error instanceof ApiFailure) return fail(error.code, error.message);
    onInternalError(error);
    return fail('internal', `${method} failed unexpectedly; see the log for details.`);
  }
}
