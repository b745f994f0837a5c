// Notices the network coming back or changing (a train's Wi-Fi, a hotspot, a VPN) by watching this machine's
// addresses, so the sync tries at once instead of waiting out its backoff. Works the same in every host: the core
// needs no browser or Electron event for it.
import { networkInterfaces } from 'node:os';
import type { Clock, TimerHandle } from '../domain/clock';

/** How often the addresses are compared. */
export const NETWORK_POLL_MS = 5_000;

type Interfaces = ReturnType<typeof networkInterfaces>;

/** The machine's external addresses, in a stable order: what changes when a network comes or goes. */
export function addressesOf(interfaces: Interfaces): string[] {
  return Object.values(interfaces)
    .flatMap((entries) => entries ?? [])
    .filter((entry) => !entry.internal)
    .map((entry) => entry.address)
    .sort();
}

export interface NetworkWatch {
  stop(): void;
}

/** Calls `onChange` whenever the machine gains an address it did not have (losing one is not worth a sync). */
export function watchNetwork(
  clock: Clock,
  onChange: () => void,
  read: () => Interfaces = networkInterfaces,
): NetworkWatch {
  let known = new Set(addressesOf(read()));
  let timer: TimerHandle | null = null;
  const poll = (): void => {
    const now = addressesOf(read());
    const gained = now.some((address) => !known.has(address));
    known = new Set(now);
    timer = clock.setTimer(poll, NETWORK_POLL_MS);
    if (gained) onChange();
  };
  timer = clock.setTimer(poll, NETWORK_POLL_MS);
  return {
    stop: () => {
      if (timer) clock.clearTimer(timer);
      timer = null;
    },
  };
}
