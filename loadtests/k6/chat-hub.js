// Employees asking over SignalR (/hubs/chat), as the web UI does: each iteration opens a connection, asks a few
// questions one after another with think time, and leaves. Every KB_CANCEL_EVERY-th question is stopped after
// its first token (the Stop button). Records time to first citation / first token / done and errors by kind.
//   k6 run -e KB_BASE_URL=https://kb.example.com -e KB_API_KEY=kb_… loadtests/k6/chat-hub.js
import { check } from 'k6';
import { clearTimeout, setTimeout } from 'k6/timers';
import { authFromEnv, authHeaders } from './lib/auth.js';
import { answerThresholds, trackAnswer } from './lib/answers.js';
import { BASE_URL, COLLECTION, question } from './lib/config.js';
import { HubConnection } from './lib/signalr.js';

const ASKS_PER_CONNECTION = Number(__ENV.KB_ASKS_PER_CONNECTION || 3);
const THINK_MS = Number(__ENV.KB_THINK_MS || 3000);
const CANCEL_EVERY = Number(__ENV.KB_CANCEL_EVERY || 10);
const ANSWER_TIMEOUT_MS = Number(__ENV.KB_ANSWER_TIMEOUT_MS || 60000);

export const options = {
  scenarios: {
    employees: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: '1m', target: Number(__ENV.KB_VUS || 50) },
        { duration: '3m', target: Number(__ENV.KB_VUS || 50) },
        { duration: '30s', target: 0 },
      ],
      gracefulRampDown: '60s',
    },
  },
  thresholds: answerThresholds(),
};

export function setup() {
  return { auth: authFromEnv() };
}

/** @param {{ auth: import('./lib/auth.js').Auth }} data */
export default function (data) {
  let asked = 0;
  const hub = new HubConnection(BASE_URL, '/hubs/chat', authHeaders(data.auth), {
    onOpen: (connection) => ask(connection),
    onError: (kind, message) => {
      check(null, { [`hub connection without ${kind} error`]: () => false });
      console.warn(`hub ${kind}: ${message}`);
    },
  });

  /** @param {HubConnection} connection */
  function ask(connection) {
    const n = asked++;
    const answer = trackAnswer('hub');
    const stopEarly = CANCEL_EVERY > 0 && (__ITER * ASKS_PER_CONNECTION + n) % CANCEL_EVERY === CANCEL_EVERY - 1;
    let text = '';
    /** @type {string[]} */
    const types = [];
    const next = () => {
      if (asked < ASKS_PER_CONNECTION && !connection.closed) {
        setTimeout(() => ask(connection), THINK_MS);
      } else {
        connection.close();
      }
    };
    const timeout = setTimeout(() => {
      answer.fail('timeout');
      connection.close();
    }, ANSWER_TIMEOUT_MS);

    const id = connection.stream('Ask', [{ question: question(n), collection: COLLECTION }], {
      next: (event) => {
        types.push(event.type);
        answer.event(event);
        if (event.type === 'token') {
          text += event.text;
          if (stopEarly && answer.gotToken) {
            connection.cancel(id);
            answer.cancelled();
            clearTimeout(timeout);
            next();
          }
        }
      },
      complete: () => {
        clearTimeout(timeout);
        check(types, {
          'hub answer starts with retrieval': (t) => t[0] === 'retrieval',
          'hub answer ends with done': (t) => t[t.length - 1] === 'done',
        });
        check(text, { 'hub answer has text': (t) => t.length > 0 });
        if (!answer.ended) {
          answer.fail('protocol');
        }

        next();
      },
      error: (message, kind) => {
        clearTimeout(timeout);
        console.warn(`Ask failed (${kind}): ${message}`);
        answer.fail(kind);
        next();
      },
    });
  }

  check(hub, { 'hub negotiated': (h) => h.ws !== null });
}
