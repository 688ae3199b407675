// Service clients asking over JSON (POST /api/ask): the whole answer in one response. Time to first token is
// the response time here (nothing streams), so the TTFT threshold is a strict upper bound.
//   k6 run -e KB_BASE_URL=… -e KB_API_KEY=kb_… loadtests/k6/ask-http.js
import http from 'k6/http';
import { check, sleep } from 'k6';
import { authFromEnv, authHeaders } from './lib/auth.js';
import { answerThresholds, trackAnswer } from './lib/answers.js';
import { BASE_URL, COLLECTION, SLO, question } from './lib/config.js';

export const options = {
  scenarios: {
    clients: {
      executor: 'ramping-arrival-rate',
      startRate: 1,
      timeUnit: '1s',
      preAllocatedVUs: 20,
      maxVUs: 200,
      stages: [
        { duration: '1m', target: Number(__ENV.KB_RATE || 10) },
        { duration: '3m', target: Number(__ENV.KB_RATE || 10) },
      ],
    },
  },
  thresholds: { ...answerThresholds(), http_req_failed: [`rate<${SLO.errorRate}`] },
};

export function setup() {
  return { auth: authFromEnv() };
}

/** @param {{ auth: import('./lib/auth.js').Auth }} data */
export default function (data) {
  const answer = trackAnswer('json');
  const res = http.post(`${BASE_URL}/api/ask`, JSON.stringify({ question: question(), collection: COLLECTION }), {
    headers: { ...authHeaders(data.auth), 'Content-Type': 'application/json' },
    tags: { name: '/api/ask' },
  });
  if (res.status !== 200) {
    answer.fail(res.status === 429 ? 'rate_limited' : 'http');
    check(res, { 'ask answered 200': () => false });
    return;
  }

  const body = /** @type {{ answer: string, citations: unknown[], mode: string, conversationId: string }} */ (res.json());
  answer.event({ type: 'retrieval' });
  answer.event({ type: 'token' });
  answer.event({ type: 'done' });
  check(body, {
    'ask answered 200': () => true,
    'ask has an answer': (b) => typeof b.answer === 'string' && b.answer.length > 0,
    'ask has citations': (b) => Array.isArray(b.citations),
    'ask names its mode': (b) => typeof b.mode === 'string',
    'ask stored a conversation': (b) => typeof b.conversationId === 'string',
  });
  sleep(Number(__ENV.KB_SLEEP_S || 0));
}
