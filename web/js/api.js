//! Talking to the xrpl-lab API from the page: always on the page's own origin (no host or port
//! baked in), always with a timeout, and every failure sorted into one of three kinds the pages
//! know how to explain — timeout, offline, or an HTTP error carrying the server's structured
//! `{detail:{code,message,hint}}`. When the server asks for a token (401), the learner is asked
//! once; the token lives in `sessionStorage` for the rest of the tab's life.

import { config } from './config.js';
import { askToken } from './ui.js';

const TOKEN_KEY = 'xrpl-lab-token';

/** A failed API call, sorted for the page. */
export class ApiError extends Error {
  /**
   * @param {'timeout'|'offline'|'http'} kind
   * @param {string} message
   * @param {{status?: number, statusText?: string, code?: string, detail?: string, hint?: string}} [info]
   */
  constructor(kind, message, info = {}) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = info.status ?? 0;
    this.statusText = info.statusText ?? '';
    this.code = info.code ?? '';
    this.detail = info.detail ?? '';
    this.hint = info.hint ?? '';
  }
}

/** @returns {string|null} */
export function storedToken() {
  try { return sessionStorage.getItem(TOKEN_KEY); } catch { return null; }
}

/** The one question this page asks (every call that meets a 401 waits on the same answer). */
/** @type {Promise<string|null>|null} */
let asked = null;

/**
 * Asks for the token once per page, however many calls got a 401, and keeps the answer for
 * the tab. A refused or wrong token is not asked for again until the page is reloaded, so a
 * polling page never nags.
 */
function obtainToken() {
  if (!asked) {
    asked = askToken().then((t) => {
      if (t) { try { sessionStorage.setItem(TOKEN_KEY, t); } catch { /* storage off: this page only */ } }
      return t;
    });
  }
  return asked;
}

/**
 * fetch() on our own origin with a timeout and the token, if any.
 * @param {string} path  an absolute path such as `/api/runs`
 * @param {RequestInit & {timeoutMs?: number}} [init]
 * @returns {Promise<Response>} any HTTP status; throws ApiError for timeout/offline only
 */
export async function rawFetch(path, init = {}) {
  const { timeoutMs = config.fetchTimeoutMs, ...rest } = init;
  const headers = new Headers(rest.headers || {});
  const token = storedToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const ctl = new AbortController();
  const outer = rest.signal;
  if (outer) outer.addEventListener('abort', () => ctl.abort(), { once: true });
  const timer = setTimeout(() => ctl.abort(new DOMException('timeout', 'TimeoutError')), timeoutMs);
  try {
    return await fetch(path, { ...rest, headers, signal: ctl.signal, cache: 'no-store' });
  } catch (e) {
    if (ctl.signal.aborted && !(outer && outer.aborted)) {
      throw new ApiError('timeout', 'Request timed out.');
    }
    if (outer && outer.aborted) throw e;
    throw new ApiError('offline', 'Could not reach the API.');
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls the API and returns the parsed JSON body of a 2xx answer.
 * A 401 asks for the token once and retries; any other non-2xx throws an `http` ApiError.
 * @param {string} path
 * @param {RequestInit & {timeoutMs?: number}} [init]
 * @returns {Promise<any>}
 */
export async function api(path, init = {}) {
  let res = await rawFetch(path, init);
  if (res.status === 401) {
    const token = await obtainToken();
    if (token) res = await rawFetch(path, init);
    if (res.status === 401) {
      // Still refused: the token is wrong (or the server restarted with a new one). Forget it,
      // so the next page load asks again.
      try { sessionStorage.removeItem(TOKEN_KEY); } catch { /* nothing kept */ }
    }
  }
  if (!res.ok) throw await httpError(res);
  const text = await res.text();
  if (!text) return null;
  try { return JSON.parse(text); } catch { throw new ApiError('http', 'The API answered with something that is not JSON.', { status: res.status }); }
}

/** @param {Response} res */
async function httpError(res) {
  let code = '', detail = '', hint = '';
  try {
    const body = await res.json();
    const d = body && body.detail;
    if (d && typeof d === 'object' && !Array.isArray(d)) {
      code = String(d.code ?? '');
      detail = String(d.message ?? '');
      hint = String(d.hint ?? '');
    } else if (typeof d === 'string') {
      detail = d;
    }
  } catch { /* not JSON: the status line is all we have */ }
  return new ApiError('http', detail || `HTTP ${res.status}`, { status: res.status, statusText: res.statusText, code, detail, hint });
}

/**
 * The WebSocket URL for a path on our own origin, with the token when one is held.
 * @param {string} path  e.g. `/api/run/x/ws?run_id=…`
 */
export function wsUrl(path) {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = new URL(path, `${proto}//${location.host}`);
  const token = storedToken();
  if (token) url.searchParams.set('token', token);
  return url.toString();
}
