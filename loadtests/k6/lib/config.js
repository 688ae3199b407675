// Settings shared by every script, from environment variables (k6 run -e NAME=value … or the shell):
//   KB_BASE_URL   the app, e.g. https://kb.example.com (default http://127.0.0.1:5080, infra/dev/run.sh)
//   KB_API_KEY    an API key with the scopes the script needs (ask; documents for upload.js), or
//   KB_COOKIE     a signed-in browser's Cookie header ("kb.auth=…; XSRF-TOKEN=…"), or
//   KB_EMAIL + KB_PASSWORD  to sign in once in setup() (the upload script needs an admin)
//   KB_COLLECTION optional collection to ask in

/** The app's base URL, without a trailing slash. */
export const BASE_URL = (__ENV.KB_BASE_URL || 'http://127.0.0.1:5080').replace(/\/+$/, '');

/** The collection questions are asked in (null: every collection the caller may read). */
export const COLLECTION = __ENV.KB_COLLECTION || null;

/**
 * The SLOs (docs/observability, Slo:TtftSeconds): 95 % of answers start within 2.5 s, fewer than 0.5 % fail,
 * more than 99.5 % end with `done`. Every script's thresholds are built from these numbers.
 */
export const SLO = { ttftP95Ms: 2500, errorRate: 0.005, completionRate: 0.995 };

/** Questions employees ask about the sample documents (infra/dev/sample-docs); varied so no cache flatters them. */
export const QUESTIONS = [
  'How much is the FlexFit allowance?',
  'How many vacation days do new employees get?',
  'What is the travel policy for booking flights?',
  'Who do I contact about a lost laptop?',
  'How do I set up my development environment?',
  'What does the dental plan cover?',
  'Can I expense a taxi to the airport?',
  'What is the password policy?',
];

/** A question for this iteration (k6's __ITER counts each VU's iterations). */
export function question(offset = 0) {
  return QUESTIONS[(__VU * 7 + __ITER + offset) % QUESTIONS.length];
}
