// Admins uploading several files at once (POST /api/documents, multipart), then polling each document until it
// is ready or failed. Needs an admin (KB_EMAIL/KB_PASSWORD or KB_COOKIE) or a key with the documents scope.
// Each file's text is unique per iteration, so every upload is real work (identical bytes are not re-ingested).
//   k6 run -e KB_BASE_URL=… -e KB_EMAIL=admin@… -e KB_PASSWORD=… loadtests/k6/upload.js
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import { authFromEnv, authHeaders } from './lib/auth.js';
import { BASE_URL, SLO } from './lib/config.js';
import { multipart } from './lib/multipart.js';

const FILES = Number(__ENV.KB_FILES || 3);
const COLLECTION = __ENV.KB_UPLOAD_COLLECTION || 'loadtest';
/** Access groups of the uploaded notes (comma-separated); give one nobody has to keep them out of answers. */
const GROUPS = __ENV.KB_UPLOAD_GROUPS || 'loadtest';
const READY_TIMEOUT_S = Number(__ENV.KB_READY_TIMEOUT_S || 300);

const timeToReady = new Trend('kb_time_to_ready', true);
const documentsFailed = new Counter('kb_documents_failed');

export const options = {
  scenarios: {
    admins: { executor: 'per-vu-iterations', vus: Number(__ENV.KB_VUS || 2), iterations: Number(__ENV.KB_ITERATIONS || 5), maxDuration: '30m' },
  },
  thresholds: { http_req_failed: [`rate<${SLO.errorRate}`], kb_documents_failed: ['count<1'] },
};

export function setup() {
  return { auth: authFromEnv() };
}

/** @param {{ auth: import('./lib/auth.js').Auth }} data */
export default function (data) {
  const headers = authHeaders(data.auth);
  const stamp = `${__VU}-${__ITER}-${Date.now()}`;
  const files = [];
  for (let i = 0; i < FILES; i++) {
    files.push({
      field: 'files',
      name: `loadtest-${stamp}-${i}.md`,
      type: 'text/markdown',
      content: `# Load test note ${stamp} ${i}\n\n## Purpose\n\nThis note ${stamp}-${i} was uploaded by the k6 upload scenario. ` +
        'It describes the canteen opening hours, the parking rules and the printer on the third floor.\n',
    });
  }

  const form = multipart({ collection: COLLECTION, groups: GROUPS }, files);
  const started = Date.now();
  const res = http.post(`${BASE_URL}/api/documents`, form.body, {
    headers: { ...headers, 'Content-Type': form.contentType },
    tags: { name: '/api/documents' },
  });
  const accepted = check(res, { 'upload accepted (202)': (r) => r.status === 202 });
  if (!accepted) {
    console.warn(`upload answered ${res.status}: ${res.body}`);
    return;
  }

  const documents = /** @type {{ documents: { documentId: string, outcome: string }[] }} */ (res.json()).documents;
  check(documents, { 'every file queued': (d) => d.length === FILES && d.every((x) => x.outcome === 'queued') });

  const pending = new Set(documents.map((d) => d.documentId));
  while (pending.size > 0 && Date.now() - started < READY_TIMEOUT_S * 1000) {
    sleep(1);
    for (const id of Array.from(pending)) {
      const doc = http.get(`${BASE_URL}/api/documents/${id}`, { headers, tags: { name: '/api/documents/{id}' } });
      const status = doc.status === 200 ? /** @type {{ status: string }} */ (doc.json()).status : 'missing';
      if (status === 'ready' || status === 'failed' || status === 'missing') {
        pending.delete(id);
        if (status === 'ready') {
          timeToReady.add(Date.now() - started);
        } else {
          documentsFailed.add(1);
        }
      }
    }
  }

  check(pending, { 'every document finished in time': (p) => p.size === 0 });
}
