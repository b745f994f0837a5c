// A PiketHandlers stand-in for the shell's tests: every method is a spy returning a small canned value.
import { vi } from 'vitest';
import type { PiketHandlers } from '../../../src/api/contract';
import { METHOD_NAMES } from '../../../src/api/methods';

export function fakeHandlers(overrides: Partial<PiketHandlers> = {}): PiketHandlers {
  const handlers: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) handlers[method] = vi.fn(() => ({ method }));
  return { ...(handlers as PiketHandlers), ...overrides };
}
