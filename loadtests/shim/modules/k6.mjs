import { addSample, checks } from './state.mjs';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function check(value, sets, tags) {
  let all = true;
  for (const [name, fn] of Object.entries(sets)) {
    let passed;
    try {
      passed = !!(typeof fn === 'function' ? fn(value) : fn);
    } catch {
      passed = false;
    }

    checks.push({ name, passed });
    addSample('checks', 'rate', passed ? 1 : 0);
    all &&= passed;
  }

  return all;
}

/** Blocks like k6's sleep (the iteration's code is synchronous). */
export function sleep(seconds) {
  if (seconds > 0) {
    Atomics.wait(sleeper, 0, 0, seconds * 1000);
  }
}

export function group(name, fn) {
  return fn();
}

export function fail(message) {
  throw new Error(message);
}

export default { check, sleep, group, fail };
