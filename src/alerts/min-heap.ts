// A binary min-heap ordered by `at`, then `key`, with a key → index map so that an item can be
// removed or moved by its key in O(log n): the scheduler's queue of next events.

export interface HeapItem {
  readonly key: string;
  readonly at: number;
}

export class MinHeap<T extends HeapItem> {
  readonly #items: T[] = [];
  readonly #index = new Map<string, number>();

  get size(): number {
    return this.#items.length;
  }

  /** The earliest item, without removing it. */
  peek(): T | undefined {
    return this.#items[0];
  }

  get(key: string): T | undefined {
    const i = this.#index.get(key);
    return i === undefined ? undefined : this.#item(i);
  }

  /** Inserts the item, or replaces the item with the same key and moves it to its new place. */
  push(item: T): void {
    const existing = this.#index.get(item.key);
    if (existing === undefined) {
      this.#items.push(item);
      this.#index.set(item.key, this.#items.length - 1);
      this.#siftUp(this.#items.length - 1);
    } else {
      this.#place(item, existing);
      this.#restore(existing);
    }
  }

  /** Removes and returns the earliest item. */
  pop(): T | undefined {
    const top = this.#items[0];
    if (top !== undefined) this.remove(top.key);
    return top;
  }

  /** Removes the item with this key, if any, and returns it. */
  remove(key: string): T | undefined {
    const i = this.#index.get(key);
    if (i === undefined) return undefined;
    const removed = this.#item(i);
    const last = this.#items.pop() as T;
    this.#index.delete(key);
    if (i < this.#items.length) {
      this.#place(last, i);
      this.#restore(i);
    }
    return removed;
  }

  #item(i: number): T {
    return this.#items[i] as T;
  }

  #place(item: T, i: number): void {
    this.#items[i] = item;
    this.#index.set(item.key, i);
  }

  #less(i: number, j: number): boolean {
    const a = this.#item(i);
    const b = this.#item(j);
    return a.at < b.at || (a.at === b.at && a.key < b.key);
  }

  #swap(i: number, j: number): void {
    const a = this.#item(i);
    this.#place(this.#item(j), i);
    this.#place(a, j);
  }

  /** Moves the item at i up or down, whichever its new value needs. */
  #restore(i: number): void {
    if (i > 0 && this.#less(i, (i - 1) >> 1)) this.#siftUp(i);
    else this.#siftDown(i);
  }

  #siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #siftDown(i: number): void {
    const n = this.#items.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < n && this.#less(left, least)) least = left;
      if (right < n && this.#less(right, least)) least = right;
      if (least === i) return;
      this.#swap(i, least);
      i = least;
    }
  }
}
