// A working day in miniature: most employees ask in the browser (hub), some service clients ask over JSON and
// SSE or through the OpenAI API, and now and then an admin uploads files. Arrival rates ramp up to KB_RATE
// questions per second in all (open model: new arrivals do not wait for slow answers).
// The SSE part needs k6 built with xk6-sse (see ask-sse.js).
//   k6 run -e KB_BASE_URL=… -e KB_EMAIL=admin@… -e KB_PASSWORD=… loadtests/k6/mixed.js
import { sleep } from 'k6';
import { answerThresholds } from './lib/answers.js';
import { SLO } from './lib/config.js';
export { setup } from './chat-hub.js';
import chatHub from './chat-hub.js';
import askHttp from './ask-http.js';
import askSse from './ask-sse.js';
import openAi from './openai.js';
import upload from './upload.js';

const RATE = Number(__ENV.KB_RATE || 10);

/**
 * @param {number} share of the questions per second
 * @param {string} exec
 */
function arrivals(share, exec) {
  const target = Math.max(1, Math.round(RATE * share));
  return {
    executor: 'ramping-arrival-rate',
    exec,
    startRate: 0,
    timeUnit: '1s',
    preAllocatedVUs: Math.max(2, target * 2),
    maxVUs: Math.max(10, target * 30),
    stages: [
      { duration: '2m', target },
      { duration: '5m', target },
      { duration: '1m', target: 0 },
    ],
  };
}

export const options = {
  scenarios: {
    // A hub iteration asks several questions, so it arrives less often than its share of questions.
    browser: arrivals(0.6 / Number(__ENV.KB_ASKS_PER_CONNECTION || 3), 'browser'),
    json: arrivals(0.15, 'json'),
    sse: arrivals(0.15, 'sse'),
    openai: arrivals(0.1, 'openai'),
    admins: { executor: 'constant-arrival-rate', exec: 'admin', rate: 1, timeUnit: '1m', duration: '8m', preAllocatedVUs: 1, maxVUs: 3 },
  },
  thresholds: { ...answerThresholds(), http_req_failed: [`rate<${SLO.errorRate}`] },
};

/** @param {any} data */
export function browser(data) {
  chatHub(data);
}

/** @param {any} data */
export function json(data) {
  askHttp(data);
  sleep(Math.random() * 2);
}

/** @param {any} data */
export function sse(data) {
  askSse(data);
}

/** @param {any} data */
export function openai(data) {
  openAi(data);
}

/** @param {any} data */
export function admin(data) {
  upload(data);
}
