#!/usr/bin/env node
// Runs a k6 script's functions under Node for a few iterations against a real server, through the small
// implementations of k6's modules in ./modules (k6 itself is AGPL and not installed here). It proves the
// scripts speak the protocols right; it is no load generator.
//   node loadtests/shim/run.mjs loadtests/k6/chat-hub.js [--iterations 3] [--no-latency-thresholds]
// Prints a JSON summary (checks, metrics, thresholds, errors); exits 1 when a check, a threshold or the script
// failed. Environment variables are the script's __ENV, as with `k6 run -e`.
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

register('./hooks.mjs', import.meta.url);

const args = process.argv.slice(2);
const script = args.find((a) => !a.startsWith('--'));
const iterations = Number(args[args.indexOf('--iterations') + 1] || 0) || 3;
const latencyThresholds = !args.includes('--no-latency-thresholds');
const iterationTimeoutMs = 120_000;
if (!script) {
  console.error('usage: run.mjs <script.js> [--iterations N] [--no-latency-thresholds]');
  process.exit(2);
}

globalThis.__ENV = { ...process.env };
globalThis.__VU = 1;
globalThis.__ITER = 0;

const state = await import('./modules/state.mjs');
const module = await import(pathToFileURL(path.resolve(script)).href);
const options = module.options || {};

const data = module.setup ? JSON.parse(JSON.stringify(state.guard(module.setup) ?? null)) : undefined;
const execs = options.scenarios ? [...new Set(Object.values(options.scenarios).map((s) => s.exec || 'default'))] : ['default'];
for (const exec of execs) {
  const fn = module[exec];
  if (typeof fn !== 'function') {
    state.errors.push(`the script exports no function '${exec}'`);
    continue;
  }

  for (let i = 0; i < iterations; i++) {
    globalThis.__ITER = i;
    state.guard(fn, data);
    const finished = await Promise.race([state.idle().then(() => true), new Promise((r) => setTimeout(() => r(false), iterationTimeoutMs).unref())]);
    if (!finished) {
      state.errors.push(`${exec} iteration ${i} still had open sockets or timers after ${iterationTimeoutMs} ms`);
      break;
    }
  }
}

if (module.teardown) {
  state.guard(module.teardown, data);
}

const summary = { script, iterations, execs, checks: {}, metrics: {}, thresholds: [], errors: state.errors };
for (const c of state.checks) {
  const entry = (summary.checks[c.name] ||= { passes: 0, fails: 0 });
  c.passed ? entry.passes++ : entry.fails++;
}

for (const [name, metric] of state.metrics) {
  summary.metrics[name] = { type: metric.type, ...aggregate(metric) };
}

for (const [name, expressions] of Object.entries(options.thresholds || {})) {
  const metric = state.metrics.get(name);
  for (const expression of expressions.map((e) => (typeof e === 'string' ? e : e.threshold))) {
    const timing = metric?.type === 'trend' || name.startsWith('http_req_');
    if (!metric || metric.samples.length === 0) {
      summary.thresholds.push({ metric: name, expression, skipped: 'no samples' });
    } else if (timing && !latencyThresholds) {
      summary.thresholds.push({ metric: name, expression, skipped: 'latency thresholds off' });
    } else {
      const [, stat, op, limit] = /^\s*([a-z]+(?:\(\d+(?:\.\d+)?\))?)\s*(<=|>=|<|>|==)\s*([\d.]+)\s*$/.exec(expression) || [];
      const value = stat ? aggregate(metric)[stat] : undefined;
      const ok = value !== undefined && compare(value, op, Number(limit));
      summary.thresholds.push({ metric: name, expression, value, ok });
    }
  }
}

const failed = summary.errors.length > 0
  || Object.values(summary.checks).some((c) => c.fails > 0)
  || summary.thresholds.some((t) => t.ok === false);
console.log(JSON.stringify(summary, null, 2));
process.exit(failed ? 1 : 0);

function aggregate(metric) {
  const s = [...metric.samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  const at = (p) => (s.length === 0 ? undefined : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]);
  return {
    count: metric.type === 'counter' ? sum : s.length,
    rate: s.length === 0 ? undefined : sum / s.length,
    avg: s.length === 0 ? undefined : sum / s.length,
    min: s[0],
    max: s[s.length - 1],
    med: at(50),
    'p(90)': at(90),
    'p(95)': at(95),
    'p(99)': at(99),
  };
}

function compare(value, op, limit) {
  switch (op) {
    case '<': return value < limit;
    case '<=': return value <= limit;
    case '>': return value > limit;
    case '>=': return value >= limit;
    default: return value === limit;
  }
}
