// Answers streamed as server-sent events (POST /api/ask/stream): the same events as the hub.
// k6 has no SSE client of its own: build k6 with the xk6-sse extension (Go and xk6 required):
//   xk6 build --with github.com/phymbert/xk6-sse
//   ./k6 run -e KB_BASE_URL=… -e KB_API_KEY=kb_… loadtests/k6/ask-sse.js
import sse from 'k6/x/sse';
import { check } from 'k6';
import { authFromEnv, authHeaders } from './lib/auth.js';
import { answerThresholds, trackAnswer } from './lib/answers.js';
import { BASE_URL, COLLECTION, question } from './lib/config.js';

export const options = {
  scenarios: {
    streams: {
      executor: 'ramping-arrival-rate',
      startRate: 1,
      timeUnit: '1s',
      preAllocatedVUs: 20,
      maxVUs: 300,
      stages: [
        { duration: '1m', target: Number(__ENV.KB_RATE || 10) },
        { duration: '3m', target: Number(__ENV.KB_RATE || 10) },
      ],
    },
  },
  thresholds: answerThresholds(),
};

export function setup() {
  return { auth: authFromEnv() };
}

/** @param {{ auth: import('./lib/auth.js').Auth }} data */
export default function (data) {
  const answer = trackAnswer('sse');
  /** @type {string[]} */
  const types = [];
  let text = '';
  const res = sse.open(`${BASE_URL}/api/ask/stream`, {
    method: 'POST',
    headers: { ...authHeaders(data.auth), 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify({ question: question(), collection: COLLECTION }),
    tags: { name: '/api/ask/stream' },
  }, (client) => {
    client.on('event', (event) => {
      // Each SSE event is named after its type and carries the event's JSON.
      const payload = JSON.parse(event.data);
      types.push(event.name);
      if (payload.type !== event.name) {
        answer.fail('protocol');
      }

      answer.event(payload);
      if (event.name === 'token') {
        text += payload.text;
      }

      if (event.name === 'done' || event.name === 'error') {
        client.close();
      }
    });
    client.on('error', (e) => {
      console.warn(`SSE error: ${e.error()}`);
      answer.fail('closed');
    });
  });

  if (!res || res.status !== 200) {
    answer.fail(res && res.status === 429 ? 'rate_limited' : 'http');
  } else if (!answer.ended) {
    answer.fail('closed');
  }

  check(res, { 'stream answered 200': (r) => !!r && r.status === 200 });
  check(types, {
    'stream starts with retrieval': (t) => t[0] === 'retrieval',
    'stream ends with done': (t) => t[t.length - 1] === 'done',
  });
  check(text, { 'stream has text': (t) => t.length > 0 });
}
