// A typed publish/subscribe hub for the API events; every subscription returns its unsubscribe function.
import type { EventListener, EventName, PiketEvents, Unsubscribe } from '../api/contract';

export class EventHub {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();

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

  emit<E extends EventName>(event: E, payload: PiketEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as EventListener<E>)(payload);
    }
  }
}
