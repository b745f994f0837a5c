// The shell follows the overview: the first read and every overviewChanged event, newest only, until it stops.
import { describe, expect, it, vi } from 'vitest';
import type { Overview } from '../../../src/api/contract';
import { followOverview, type OverviewSource } from '../../../main/overview-feed';
import { overview } from './fake-overview';

function source(first: Promise<Overview> | Overview) {
  const listeners = new Set<(overview: Overview) => void>();
  const feed: OverviewSource = {
    getOverview: vi.fn(() => first),
    onOverview: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = (next: Overview) => listeners.forEach((listener) => listener(next));
  return { feed, emit, listeners };
}

describe('followOverview', () => {
  it('hands on the first read, then each change', async () => {
    const { feed, emit } = source(overview({ computedAt: 1 }));
    const seen: number[] = [];
    followOverview(feed, (next) => seen.push(next.computedAt), vi.fn());
    await vi.waitFor(() => expect(seen).toEqual([1]));
    emit(overview({ computedAt: 2 }));
    expect(seen).toEqual([1, 2]);
  });

  it('keeps a change that arrives before a slower first read', async () => {
    let answer: (value: Overview) => void = () => undefined;
    const { feed, emit } = source(new Promise<Overview>((resolve) => (answer = resolve)));
    const seen: string[] = [];
    followOverview(feed, (next) => seen.push(next.state), vi.fn());
    emit(overview({ state: 'p1', computedAt: 5 }));
    answer(overview({ state: 'quiet', computedAt: 4 }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['p1']);
  });

  it('reports a failed read or listener, and goes on', async () => {
    const { feed, emit } = source(Promise.reject(new Error('closed')));
    const onError = vi.fn();
    const listener = vi.fn(() => {
      throw new Error('tray gone');
    });
    followOverview(feed, listener, onError);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(new Error('closed')));
    emit(overview({ computedAt: 1 }));
    expect(onError).toHaveBeenLastCalledWith(new Error('tray gone'));
  });

  it('stops listening, and drops a read still under way', async () => {
    let answer: (value: Overview) => void = () => undefined;
    const { feed, listeners } = source(new Promise<Overview>((resolve) => (answer = resolve)));
    const listener = vi.fn();
    followOverview(feed, listener, vi.fn())();
    expect(listeners.size).toBe(0);
    answer(overview());
    await new Promise((resolve) => setImmediate(resolve));
    expect(listener).not.toHaveBeenCalled();
  });
});
