// Errors cross every boundary as values: a Result carries either the value or a coded, human-readable error.
export const ERROR_CODES = [
  'invalid_argument',
  'unknown_method',
  'not_found',
  'unavailable',
  'read_only',
  'needs_confirmation',
  'conflict',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
