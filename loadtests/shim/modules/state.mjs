// What one shim run records: metric samples, checks, and the asynchronous work (sockets, timers) an iteration
// must wait for before it ends, as k6 waits for a VU's event loop.

/** @type {Map<string, { type: string, isTime: boolean, samples: number[] }>} */
export const metrics = new Map();

/** @type {{ name: string, passed: boolean }[]} */
export const checks = [];

/** @type {string[]} */
export const errors = [];

let pending = 0;
/** @type {(() => void)[]} */
let idleWaiters = [];

export function registerMetric(name, type, isTime) {
  if (!metrics.has(name)) {
    metrics.set(name, { type, isTime: !!isTime, samples: [] });
  }

  return metrics.get(name);
}

export function addSample(name, type, value) {
  registerMetric(name, type, false).samples.push(Number(value));
}

/** Counts an open handle (socket, timer); the returned function releases it once. */
export function hold() {
  pending++;
  let released = false;
  return () => {
    if (released) {
      return;
    }

    released = true;
    pending--;
    if (pending === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
    }
  };
}

/** Resolves when no handle is open. */
export function idle() {
  return pending === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
}

/** Runs a callback the script registered; an exception fails the run like an uncaught one in k6. */
export function guard(fn, ...args) {
  try {
    return fn(...args);
  } catch (e) {
    errors.push(String(e && e.stack ? e.stack : e));
    return undefined;
  }
}
