import { guard, hold } from './state.mjs';

// k6/timers on Node's timers, each counted as open work until it fires or is cleared.
const releases = new Map();

export function setTimeout(fn, ms, ...args) {
  const release = hold();
  const id = globalThis.setTimeout(() => {
    releases.delete(id);
    guard(fn, ...args);
    release();
  }, ms);
  releases.set(id, release);
  return id;
}

export function clearTimeout(id) {
  globalThis.clearTimeout(id);
  releases.get(id)?.();
  releases.delete(id);
}

export function setInterval(fn, ms, ...args) {
  const release = hold();
  const id = globalThis.setInterval(() => guard(fn, ...args), ms);
  releases.set(id, release);
  return id;
}

export function clearInterval(id) {
  globalThis.clearInterval(id);
  releases.get(id)?.();
  releases.delete(id);
}

export default { setTimeout, clearTimeout, setInterval, clearInterval };
