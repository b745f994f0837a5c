// Fault injection for the Zendesk test server: the next request(s) matching a method and path misbehave once.
//
// Kinds, each taking the next `times` (default 1) matching requests, after letting the first `skip` (default 0)
// matching requests pass untouched:
// - `status`: answer with that status, headers and body instead of running the request (e.g. 429 with
//   Retry-After, 500, 503); the request has no effect;
// - `delay`: hold the request until `ms` pass on the wall clock or the test calls `release()`, then run it
//   normally; a client that gives up (AbortSignal) simply disconnects. Tests use a long `ms` and
//   `release()`, so they never wait on wall time. With `after: true` the request runs first and its answer is
//   held: the change is made on the server, and a client that gives up (or dies) meanwhile never hears of it.
//   `held` resolves once a request is being held (for `after: true`, once it ran);
// - `truncate`: run the request, then send only the first `keepBytes` bytes of the JSON body (half by default);
// - `drop`: close the connection without an answer, before running the request or (`after: true`) after it
//   ran, as when a response is lost on the way back;
// - `replay`: answer with the last successful response to the same method and path (a duplicate page)
//   instead of running the request; with nothing to replay the request runs normally.
export type FaultAction =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'delay'; ms: number; after?: boolean }
  | { kind: 'truncate'; keepBytes?: number }
  | { kind: 'drop'; after?: boolean }
  | { kind: 'replay' };

export interface FaultMatch {
  /** HTTP method; any when left out. */
  method?: string;
  /** The path, with or without `.json` (`/api/v2/tickets/7`), or a pattern tested against the path. */
  path: string | RegExp;
  /** How many matching requests take the fault; 1 by default. */
  times?: number;
  /** How many matching requests pass untouched before the fault takes any; 0 by default. */
  skip?: number;
}

export interface FaultHandle {
  /** Resolves when the first matching request has taken this fault. */
  readonly hit: Promise<void>;
  /** Resolves when a `delay` starts holding the first request (for `after: true`, once that request ran). */
  readonly held: Promise<void>;
  /** How many more requests will take it. */
  remaining(): number;
  /** Ends the delay of every request this fault is holding now. */
  release(): void;
}

interface ActiveFault {
  match: FaultMatch;
  action: FaultAction;
  left: number;
  skip: number;
  onHit: () => void;
  onHeld: () => void;
  releases: Set<() => void>;
}

/** What a request that took a fault must do. */
export type TakenFault = {
  action: FaultAction;
  wait: (ms: number, abandoned: Promise<void>) => Promise<void>;
};

function normalisePath(path: string): string {
  return path.endsWith('.json') ? path.slice(0, -'.json'.length) : path;
}

export class Faults {
  private readonly active: ActiveFault[] = [];

  inject(match: FaultMatch, action: FaultAction): FaultHandle {
    const times = match.times ?? 1;
    const skip = match.skip ?? 0;
    if (!Number.isInteger(times) || times < 1)
      throw new Error('faults.inject: times must be a positive integer');
    if (!Number.isInteger(skip) || skip < 0)
      throw new Error('faults.inject: skip must be a whole number, 0 or more');
    let onHit: () => void = () => undefined;
    const hit = new Promise<void>((resolve) => {
      onHit = resolve;
    });
    let onHeld: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      onHeld = resolve;
    });
    const fault: ActiveFault = { match, action, left: times, skip, onHit, onHeld, releases: new Set() };
    this.active.push(fault);
    return {
      hit,
      held,
      remaining: () => fault.left,
      release: () => {
        for (const release of [...fault.releases]) release();
      },
    };
  }

  /** Removes every fault that has not been taken yet. */
  clear(): void {
    this.active.length = 0;
  }

  /**
   * The fault the request `method path` takes, if any; each call uses one of its `times`, or one of its `skip`
   * (then the request passes, and no later fault is looked at for it).
   */
  take(method: string, path: string): TakenFault | undefined {
    const normalised = normalisePath(path);
    const index = this.active.findIndex((fault) => {
      if (fault.match.method && fault.match.method.toUpperCase() !== method.toUpperCase()) return false;
      const pattern = fault.match.path;
      return typeof pattern === 'string' ? normalisePath(pattern) === normalised : pattern.test(path);
    });
    if (index < 0) return undefined;
    const fault = this.active[index] as ActiveFault;
    if (fault.skip > 0) {
      fault.skip -= 1;
      return undefined;
    }
    fault.left -= 1;
    if (fault.left === 0) this.active.splice(index, 1);
    fault.onHit();
    return {
      action: fault.action,
      wait: (ms, abandoned) =>
        new Promise<void>((resolve) => {
          const finish = (): void => {
            clearTimeout(timer);
            fault.releases.delete(finish);
            resolve();
          };
          const timer = setTimeout(finish, ms);
          fault.releases.add(finish);
          fault.onHeld();
          void abandoned.then(finish);
        }),
    };
  }
}
