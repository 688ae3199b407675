// Existing chat tools through the OpenAI-compatible API (POST /v1/chat/completions), streaming as most tools do.
// k6's HTTP client returns the stream's body once it has ended, so the first token's time is approximated by
// the time to the response's first byte (http_req_waiting).
//   k6 run -e KB_BASE_URL=… -e KB_API_KEY=kb_… loadtests/k6/openai.js
import http from 'k6/http';
import { check } from 'k6';
import { authFromEnv, authHeaders } from './lib/auth.js';
import { answerCompleted, answerErrors, answerFailed, timeToDone } from './lib/answers.js';
import { BASE_URL, SLO, question } from './lib/config.js';

export const options = {
  scenarios: {
    tools: {
      executor: 'constant-arrival-rate',
      rate: Number(__ENV.KB_RATE || 5),
      timeUnit: '1s',
      duration: '3m',
      preAllocatedVUs: 20,
      maxVUs: 200,
    },
  },
  thresholds: {
    'http_req_waiting{name:/v1/chat/completions}': [`p(95)<${SLO.ttftP95Ms}`],
    kb_answer_failed: [`rate<${SLO.errorRate}`],
    kb_answer_completed: [`rate>${SLO.completionRate}`],
  },
};

export function setup() {
  return { auth: authFromEnv() };
}

/** @param {{ auth: import('./lib/auth.js').Auth }} data */
export default function (data) {
  const tags = { transport: 'openai' };
  const res = http.post(`${BASE_URL}/v1/chat/completions`, JSON.stringify({
    model: 'knowledgebase',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: question() }],
  }), {
    headers: { ...authHeaders(data.auth), 'Content-Type': 'application/json' },
    tags: { name: '/v1/chat/completions' },
  });

  const lines = String(res.body || '').split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6));
  const chunks = lines.filter((l) => l !== '[DONE]').map((l) => JSON.parse(l));
  const text = chunks.map((c) => (c.choices && c.choices[0] && c.choices[0].delta && c.choices[0].delta.content) || '').join('');
  const finished = chunks.some((c) => c.choices && c.choices[0] && c.choices[0].finish_reason === 'stop');
  const ok = res.status === 200 && lines[lines.length - 1] === '[DONE]' && finished && text.length > 0;
  answerFailed.add(!ok, tags);
  answerCompleted.add(ok, tags);
  if (ok) {
    timeToDone.add(res.timings.duration, tags);
  } else {
    answerErrors.add(1, { ...tags, kind: res.status === 200 ? 'protocol' : res.status === 429 ? 'rate_limited' : 'http' });
  }

  check(res, {
    'completion answered 200': (r) => r.status === 200,
    'completion streams chunks and [DONE]': () => lines[lines.length - 1] === '[DONE]' && chunks.length > 1,
    'completion reports usage': () => chunks.some((c) => c.usage && typeof c.usage.total_tokens === 'number'),
    'completion cites its sources': () => chunks.some((c) => Array.isArray(c.kb_citations)) || text.includes('Sources:'),
  });
}
