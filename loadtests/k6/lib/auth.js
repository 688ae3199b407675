import http from 'k6/http';
import { fail } from 'k6';
import { BASE_URL } from './config.js';

/**
 * @typedef {{ apiKey?: string, cookie?: string }} Auth
 * How the virtual users authenticate: an API key, or a sign-in cookie (from KB_COOKIE, or from signing in once
 * in setup() with KB_EMAIL/KB_PASSWORD). setup() returns it so every VU uses the same credentials.
 */

/** @returns {Auth} */
export function authFromEnv() {
  if (__ENV.KB_API_KEY) {
    return { apiKey: __ENV.KB_API_KEY };
  }

  if (__ENV.KB_COOKIE) {
    return { cookie: __ENV.KB_COOKIE };
  }

  if (__ENV.KB_EMAIL && __ENV.KB_PASSWORD) {
    return { cookie: signIn(__ENV.KB_EMAIL, __ENV.KB_PASSWORD) };
  }

  return fail('Set KB_API_KEY, KB_COOKIE, or KB_EMAIL and KB_PASSWORD (see loadtests/README.md).');
}

/**
 * Signs in with a password and returns the Cookie header of the session (the sign-in cookie and the antiforgery
 * cookie whose value state-changing requests must echo).
 * @param {string} email
 * @param {string} password
 */
export function signIn(email, password) {
  const res = http.post(`${BASE_URL}/api/auth/login`, JSON.stringify({ email, password }), {
    headers: { 'Content-Type': 'application/json' },
    tags: { name: 'sign-in' },
  });
  if (res.status !== 200) {
    return fail(`Sign-in as ${email} failed with ${res.status}: ${res.body}`);
  }

  return Object.keys(res.cookies)
    .map((name) => `${name}=${res.cookies[name][0].value}`)
    .join('; ');
}

/**
 * The headers that authenticate a request. With a cookie, POST/PUT/PATCH/DELETE also need X-XSRF-TOKEN (the
 * XSRF-TOKEN cookie's value) and hub connections an Origin of the app itself.
 * @param {Auth} auth
 * @returns {Record<string, string>}
 */
export function authHeaders(auth) {
  if (auth.apiKey) {
    return { Authorization: `Bearer ${auth.apiKey}` };
  }

  const cookie = auth.cookie || '';
  const xsrf = /(?:^|;\s*)XSRF-TOKEN=([^;]+)/.exec(cookie);
  /** @type {Record<string, string>} */
  const headers = { Cookie: cookie, Origin: BASE_URL };
  if (xsrf) {
    headers['X-XSRF-TOKEN'] = xsrf[1];
  }

  return headers;
}
