// Stand-ins for the shell's tests: PiketHandlers whose methods are spies returning a small canned value, and an
// event source the test can emit on and count subscribers of.
import { vi } from 'vitest';
import type { EventName, PiketEvents, PiketHandlers } from '../../../src/api/contract';
import { METHOD_NAMES } from '../../../src/api/methods';
import type { EventSource } from '../../../main/ipc-router';

export function fakeHandlers(overrides: Partial<PiketHandlers> = {}): PiketHandlers {
  const handlers: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) handlers[method] = vi.fn(() => ({ method }));
  return { ...(handlers as PiketHandlers), ...overrides };
}

export function fakeEventSource() {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const source: EventSource = {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const emit = <E extends EventName>(event: E, payload: PiketEvents[E]): void => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const count = (): number => [...listeners.values()].reduce((sum, set) => sum + set.size, 0);
  return { source, emit, count, listeners };
}
