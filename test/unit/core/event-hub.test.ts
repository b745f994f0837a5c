// The event hub: typed subscriptions with unsubscribe, and a failing listener never silences the others.
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../src/core/event-hub';

describe('EventHub', () => {
  it('delivers to every listener until it unsubscribes', () => {
    const hub = new EventHub(() => undefined);
    const seen: number[][] = [];
    const off = hub.on('queueChanged', ({ ticketIds }) => seen.push(ticketIds));
    hub.emit('queueChanged', { ticketIds: [1] });
    off();
    hub.emit('queueChanged', { ticketIds: [2] });
    expect(seen).toEqual([[1]]);
  });

  it('reports a throwing listener and still delivers to the next one', () => {
    const failures: string[] = [];
    const hub = new EventHub((event, error) => failures.push(`${event}: ${(error as Error).message}`));
    const seen: number[][] = [];
    hub.on('queueChanged', () => {
      throw new Error('window is gone');
    });
    hub.on('queueChanged', ({ ticketIds }) => seen.push(ticketIds));
    expect(() => hub.emit('queueChanged', { ticketIds: [7] })).not.toThrow();
    expect(seen).toEqual([[7]]);
    expect(failures).toEqual(['queueChanged: window is gone']);
  });
});
