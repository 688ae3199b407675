import { Counter, Rate, Trend } from 'k6/metrics';
import { SLO } from './config.js';

// One answer's milestones, the same for every transport (hub, SSE, JSON, OpenAI API), tagged with it.
export const timeToFirstCitation = new Trend('kb_time_to_first_citation', true);
export const timeToFirstToken = new Trend('kb_time_to_first_token', true);
export const timeToDone = new Trend('kb_time_to_done', true);
/** Failures by kind: http (status), handshake, error_event, completion_error, protocol, timeout, closed. */
export const answerErrors = new Counter('kb_answer_errors');
export const answerFailed = new Rate('kb_answer_failed');
export const answerCompleted = new Rate('kb_answer_completed');

/** The SLOs as k6 thresholds on the answer metrics (a run that breaks one exits non-zero). */
export function answerThresholds() {
  return {
    kb_time_to_first_token: [`p(95)<${SLO.ttftP95Ms}`],
    kb_answer_failed: [`rate<${SLO.errorRate}`],
    kb_answer_completed: [`rate>${SLO.completionRate}`],
  };
}

/**
 * Times one answer from now: feed it the answer's events ({type: 'retrieval'|'token'|'notice'|'guardrail'|'citations'|'done'|'error'})
 * and it records first citation, first token and done once each; `fail(kind)` or `cancelled()` end it otherwise.
 * @param {string} transport
 */
export function trackAnswer(transport) {
  const started = Date.now();
  const tags = { transport };
  let firstCitation = false;
  let firstToken = false;
  let ended = false;

  /** @param {boolean} ok @param {string} [kind] */
  function finish(ok, kind) {
    if (ended) {
      return;
    }

    ended = true;
    answerFailed.add(!ok, tags);
    answerCompleted.add(ok, tags);
    if (ok) {
      timeToDone.add(Date.now() - started, tags);
    } else {
      answerErrors.add(1, { transport, kind: kind || 'unknown' });
    }
  }

  return {
    /** @param {{ type?: string }} e */
    event(e) {
      const elapsed = Date.now() - started;
      switch (e && e.type) {
        case 'retrieval':
          if (!firstCitation) {
            firstCitation = true;
            timeToFirstCitation.add(elapsed, tags);
          }
          break;
        case 'token':
          if (!firstToken) {
            firstToken = true;
            timeToFirstToken.add(elapsed, tags);
          }
          break;
        case 'done':
          finish(true);
          break;
        case 'error':
          finish(false, 'error_event');
          break;
        case 'notice':
        case 'guardrail':
        case 'citations':
          break;
        default:
          finish(false, 'protocol');
      }
    },
    /** @param {string} kind */
    fail(kind) {
      finish(false, kind);
    },
    /** Stopped by the client on purpose: neither completed nor failed. */
    cancelled() {
      ended = true;
    },
    get ended() {
      return ended;
    },
    get gotToken() {
      return firstToken;
    },
  };
}
