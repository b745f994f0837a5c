// The network watch on the fake clock, with the machine's interfaces scripted: a new address (the network came
// back, or another one) wakes the sync once; losing one, or nothing changing, does not.
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { addressesOf, NETWORK_POLL_MS, watchNetwork } from '../../../src/platform/network-watch';
import { createFakeClock } from '../../support/fake-clock';

function iface(address: string, internal = false): NetworkInterfaceInfo {
  return {
    address,
    netmask: '255.255.255.0',
    family: 'IPv4',
    mac: '00:00:00:00:00:00',
    internal,
    cidr: null,
  };
}

describe('watchNetwork', () => {
  it('wakes once when an address appears, not when one goes or nothing changes', () => {
    const clock = createFakeClock(Date.UTC(2026, 10, 29, 20));
    let interfaces: Record<string, NetworkInterfaceInfo[]> = { lo: [iface('127.0.0.1', true)] };
    let wakes = 0;
    const watch = watchNetwork(
      clock,
      () => (wakes += 1),
      () => interfaces,
    );

    clock.advance(NETWORK_POLL_MS);
    expect(wakes).toBe(0);
    interfaces = { ...interfaces, wlan0: [iface('192.168.1.20')] };
    clock.advance(NETWORK_POLL_MS - 1);
    expect(wakes).toBe(0);
    clock.advance(1);
    expect(wakes).toBe(1);
    clock.advance(3 * NETWORK_POLL_MS);
    expect(wakes).toBe(1);

    interfaces = { lo: [iface('127.0.0.1', true)] };
    clock.advance(NETWORK_POLL_MS);
    expect(wakes).toBe(1);
    interfaces = { lo: [iface('127.0.0.1', true)], wlan0: [iface('10.0.0.7')] };
    clock.advance(NETWORK_POLL_MS);
    expect(wakes).toBe(2);

    watch.stop();
    interfaces = { ...interfaces, tun0: [iface('172.16.0.2')] };
    clock.advance(10 * NETWORK_POLL_MS);
    expect(wakes).toBe(2);
  });

  it('looks only at external addresses, in a stable order', () => {
    expect(
      addressesOf({ b: [iface('10.0.0.2')], a: [iface('10.0.0.1'), iface('127.0.0.1', true)], c: undefined }),
    ).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});
