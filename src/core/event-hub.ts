// A typed publish/subscribe hub for the API events; every subscription returns its unsubscribe function.
import type { EventListener, EventName, PiketEvents, Unsubscribe } from '../api/contract';

export class EventHub {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();

  /** A listener that throws is reported here; the other listeners and the emitter carry on. */
  constructor(private readonly onListenerError: (event: EventName, error: unknown) => void) {}

  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  /** Delivers to every listener; returns how many there were. */
  emit<E extends EventName>(event: E, payload: PiketEvents[E]): number {
    const listeners = this.listeners.get(event) ?? new Set();
    for (const listener of listeners) {
      try {
        (listener as EventListener<E>)(payload);
      } catch (error) {
        this.onListenerError(event, error);
      }
    }
    return listeners.size;
  }
}
