//! The facilitator's runs board: one card per run in the room, refreshed every POLL_INTERVAL_MS
//! while the tab is visible (and never while it is hidden), with a Kill button on running runs.
//!
//! Cards are keyed by run id and updated in place, so a poll never steals focus from a Kill
//! button, never replays the entry animation, and never detaches the button a confirm dialog
//! will return focus to. Every timer and listener belongs to one mount and is torn down on
//! `pagehide` (and on `astro:before-swap`, for forks that add view transitions); a page restored
//! from the back/forward cache mounts again on `pageshow`.

import { api } from '../api.js';
import { config } from '../config.js';
import { announce, emptyCard, errorCard, esc, fmtClock, fmtElapsed, icon, modalOpen, openModal, shortId, statusBadge } from '../ui.js';

/** The board's refresh interval (5 s unless the server's UiConfig says otherwise). */
const POLL_INTERVAL_MS = config.pollMs;
/** How far back the sparkline of active runs looks. */
const SPARK_WINDOW_MS = 10 * 60 * 1000;
const SPARK_KEY = 'xrpl-lab-runs-spark';
/** Status order on the board: what needs attention first. */
const STATUS_RANK = { running: 0, failed: 1, cancelled: 2, completed: 3 };

/** @typedef {import('../types.js').RunInfo} RunInfo */
/** @typedef {import('../types.js').RunListResponse} RunListResponse */

/** @type {null | {timer: number|null, inflight: Promise<void>|null, again: boolean, ctl: AbortController, teardown: () => void}} */
let mountState = null;

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Orders runs by status (running first), then by age (oldest first: the likeliest to be stuck). */
function sortRuns(/** @type {RunInfo[]} */ runs) {
  const rank = (/** @type {string} */ s) => STATUS_RANK[/** @type {keyof typeof STATUS_RANK} */ (s)] ?? 9;
  return [...runs].sort((a, b) => rank(a.status) - rank(b.status) || String(a.created_at).localeCompare(String(b.created_at)));
}

/* ---------------- rendering ---------------- */

function renderCapacity(/** @type {number|null} */ active, /** @type {number|null} */ max) {
  const badge = $('capacity');
  const known = active !== null && max !== null;
  const html = known ? `<strong>${active}</strong>/${max} active` : '<strong>–</strong>/– active';
  if (badge.innerHTML !== html) badge.innerHTML = html;
  badge.setAttribute('aria-label', known ? `Capacity: ${active} of ${max} run slots active` : 'Capacity: unknown');
  badge.dataset.full = String(known && active >= max);
  badge.dataset.known = String(known);
  const slots = $('capSlots');
  const want = known ? Math.min(max, 64) : 0;
  const slotHtml = Array.from({ length: want }, (_, i) => `<span class="cap__slot${i < (active ?? 0) ? ' cap__slot--on' : ''}"></span>`).join('');
  if (slots.innerHTML !== slotHtml) slots.innerHTML = slotHtml;
}

function reflectPoll(/** @type {'live'|'error'|null} */ health = null) {
  const ind = $('pollInd');
  const text = $('pollText');
  if (!ind || !text) return;
  const hidden = document.visibilityState !== 'visible';
  ind.dataset.paused = String(hidden);
  if (health) ind.dataset.state = health === 'error' ? 'err' : 'ok';
  const secs = Math.round(POLL_INTERVAL_MS / 100) / 10;
  text.textContent = hidden ? 'Paused — tab hidden'
    : ind.dataset.state === 'err' ? `Retrying every ${secs}s` : `Live · refreshing every ${secs}s`;
}

/** The inner HTML of a card's informational parts (no focusable element lives here). */
function cardParts(/** @type {RunInfo} */ r) {
  const learner = r.learner ? `<span class="chip chip--learner" title="Learner">${icon('book')}${esc(r.learner)}</span>` : '';
  const dry = r.dry_run ? '<span class="chip chip--dry" title="Runs in the offline sandbox">dry-run</span>' : '';
  const started = fmtClock(r.created_at);
  return {
    head: `<a class="runcard__mod" data-f="module" title="Watch this run live: ${esc(r.module_id)}" href="/xrpl-lab/app/run/${encodeURIComponent(r.module_id)}/?run_id=${encodeURIComponent(r.run_id)}">${esc(r.module_id)}</a>${statusBadge(r.status)}`,
    tags: `${learner}${dry}${started ? `<span class="faint small">started ${esc(started)}</span>` : ''}`,
    facts: `<div><div class="fact__label">Elapsed</div><div class="fact__value" data-f="elapsed">${esc(fmtElapsed(r.elapsed_seconds))}</div></div>
      <div><div class="fact__label">Queue</div><div class="fact__value" data-f="queue" title="Frames not yet delivered to the run's live viewers">${esc(r.queue_size ?? 0)}</div></div>
      <div><div class="fact__label">Run</div><div class="fact__value"><span class="runid" data-f="runid" title="${esc(r.run_id)}">${esc(shortId(r.run_id))}</span></div></div>`,
  };
}

function createCard(/** @type {RunInfo} */ r) {
  const li = document.createElement('li');
  li.className = 'runcard';
  li.dataset.id = r.run_id;
  li.tabIndex = -1;
  li.innerHTML = '<div class="runcard__head" data-part="head"></div><div class="runcard__tags" data-part="tags"></div><div class="runcard__facts" data-part="facts"></div><div class="runcard__foot" data-part="foot"></div>';
  return li;
}

function updateCard(/** @type {HTMLElement} */ li, /** @type {RunInfo} */ r) {
  li.dataset.status = r.status;
  li.setAttribute('aria-label', `${r.module_id}, ${r.status}${r.learner ? `, learner ${r.learner}` : ''}`);
  const parts = cardParts(r);
  for (const [name, html] of Object.entries(parts)) {
    const el = /** @type {HTMLElement} */ (li.querySelector(`[data-part="${name}"]`));
    if (el.dataset.html !== html) { el.innerHTML = html; el.dataset.html = html; }
  }
  const foot = /** @type {HTMLElement} */ (li.querySelector('[data-part="foot"]'));
  const btn = /** @type {HTMLButtonElement|null} */ (foot.querySelector('.kill-btn'));
  if (r.status === 'running' && !btn) {
    foot.innerHTML = `<span class="faint small">${r.dry_run ? 'sandbox run' : 'network run'}</span>
      <button type="button" class="btn btn--danger btn--sm kill-btn" data-id="${esc(r.run_id)}" data-mod="${esc(r.module_id)}" aria-label="Kill run ${esc(shortId(r.run_id))} (${esc(r.module_id)})">${icon('ban')}Kill</button>`;
  } else if (r.status !== 'running' && (btn || !foot.childElementCount)) {
    if (btn && btn === document.activeElement) li.focus();
    foot.innerHTML = '<span class="faint small">finished · nothing to cancel</span>';
  }
}

function renderRuns(/** @type {RunListResponse} */ data) {
  const root = $('fac-root');
  root.removeAttribute('aria-busy');
  renderCapacity(data.active_count, data.max_concurrent);
  const runs = sortRuns(Array.isArray(data.runs) ? data.runs : []);
  if (!runs.length) {
    if (root.dataset.state !== 'empty') {
      root.dataset.state = 'empty';
      root.innerHTML = emptyCard('inbox', 'No active runs', 'When learners start modules, their runs appear here. Finished runs stay for a minute, then leave the board.');
    }
    return;
  }
  let list = /** @type {HTMLElement|null} */ (root.querySelector('ul.runlist'));
  if (!list) {
    root.dataset.state = 'list';
    root.innerHTML = '<ul class="runlist" role="list" aria-label="Learner runs"></ul>';
    list = /** @type {HTMLElement} */ (root.querySelector('ul.runlist'));
  }
  /** @type {Map<string, HTMLElement>} */
  const existing = new Map();
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (list.querySelectorAll(':scope > li[data-id]'))) existing.set(el.dataset.id || '', el);
  const keep = new Set(runs.map((r) => r.run_id));
  for (const [id, el] of existing) {
    if (!keep.has(id)) {
      if (el.contains(document.activeElement)) $('main').focus();
      el.remove();
    }
  }
  runs.forEach((r, i) => {
    let li = existing.get(r.run_id);
    if (!li) li = createCard(r);
    updateCard(li, r);
    // Move only what is out of place: moving a node would blur a focused Kill button.
    if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null);
  });
}

function renderError(/** @type {any} */ err) {
  const root = $('fac-root');
  root.removeAttribute('aria-busy');
  renderCapacity(null, null);
  const html = errorCard(err, "Can't reach the API", 'Auto-refresh will retry shortly.');
  if (root.dataset.state !== `error-${err.kind}-${err.status}`) {
    if (root.contains(document.activeElement)) $('main').focus();
    root.dataset.state = `error-${err.kind}-${err.status}`;
    root.innerHTML = html;
  }
}

/* ---------------- sparkline: active runs over the last 10 minutes ---------------- */

/** @returns {{t: number, a: number, m: number}[]} */
function loadSamples() {
  try {
    const raw = JSON.parse(sessionStorage.getItem(SPARK_KEY) || '[]');
    return Array.isArray(raw) ? raw.filter((s) => s && typeof s.t === 'number' && typeof s.a === 'number') : [];
  } catch { return []; }
}

function recordSample(/** @type {number} */ active, /** @type {number} */ max) {
  const now = Date.now();
  const samples = loadSamples().filter((s) => s.t >= now - SPARK_WINDOW_MS);
  samples.push({ t: now, a: active, m: max });
  try { sessionStorage.setItem(SPARK_KEY, JSON.stringify(samples)); } catch { /* storage full or off: the line is a nicety */ }
  renderSpark(samples, now);
}

function renderSpark(/** @type {{t: number, a: number, m: number}[]} */ samples, /** @type {number} */ now) {
  const el = $('spark');
  if (!el) return;
  const W = 160, H = 36;
  const top = Math.max(1, ...samples.map((s) => Math.max(s.a, s.m || 0)));
  const x = (/** @type {number} */ t) => ((t - (now - SPARK_WINDOW_MS)) / SPARK_WINDOW_MS) * W;
  const y = (/** @type {number} */ a) => H - 2 - (a / top) * (H - 4);
  // A step line: the count holds until the next sample.
  const pts = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (i > 0) pts.push(`${x(s.t).toFixed(1)},${y(samples[i - 1].a).toFixed(1)}`);
    pts.push(`${x(s.t).toFixed(1)},${y(s.a).toFixed(1)}`);
  }
  const line = pts.join(' ');
  const peak = samples.reduce((m, s) => Math.max(m, s.a), 0);
  const nowA = samples.length ? samples[samples.length - 1].a : 0;
  const area = pts.length ? `${pts[0].split(',')[0]},${H} ${line} ${pts[pts.length - 1].split(',')[0]},${H}` : '';
  el.innerHTML = `<svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <line class="spark__base" x1="0" y1="${H - 1}" x2="${W}" y2="${H - 1}"/>
      ${area ? `<polygon class="spark__area" points="${area}"/>` : ''}
      ${line ? `<polyline points="${line}"/>` : ''}</svg>
    <span aria-hidden="true">10 min · peak ${peak}</span>
    <span class="sr-only">Active runs over the last 10 minutes: peak ${peak}, now ${nowA}.</span>`;
}

/* ---------------- Kill ---------------- */

async function kill(/** @type {HTMLButtonElement} */ btn) {
  const runId = btn.dataset.id || '';
  const moduleId = btn.dataset.mod || '';
  const { confirmed } = await openModal({
    variant: 'danger', icon: 'ban', title: 'Kill this run?',
    bodyHtml: `This cancels run <code>${esc(runId)}</code> of module <code>${esc(moduleId)}</code> and ends the learner's session immediately. Their other modules are untouched.
      <br><code class="faint">DELETE /api/runs/${esc(runId)}</code>`,
    confirmLabel: 'Kill run', cancelLabel: 'Keep running', returnTo: btn,
  });
  if (!confirmed || !mountState) return;
  btn.disabled = true;
  btn.textContent = 'Cancelling…';
  try {
    /** @type {import('../types.js').RunCancelResponse} */
    const res = await api(`/api/runs/${encodeURIComponent(runId)}`, { method: 'DELETE', signal: mountState.ctl.signal });
    announce(res && res.status === 'already_terminated' ? `Run ${moduleId} had already finished.` : `Run ${moduleId} cancelled.`);
  } catch (e) {
    const err = /** @type {any} */ (e);
    if (err && err.name === 'AbortError') return;
    btn.disabled = false;
    btn.innerHTML = `${icon('ban')}Kill`;
    await showKillError(err, btn);
  }
  await refresh();
}

async function showKillError(/** @type {any} */ err, /** @type {HTMLElement} */ btn) {
  let title = 'Could not cancel', body;
  if (err.kind === 'http' && err.status === 404) {
    title = 'Cancel not available';
    body = "Either the run already finished, or the cancel endpoint isn't available on this API; refresh to see latest state.";
  } else if (err.kind === 'http') {
    title = 'Cancel failed';
    body = `HTTP ${err.status}${err.statusText ? ` ${err.statusText}` : ''}.${err.detail ? ` ${err.detail}` : ''}`;
  } else if (err.kind === 'timeout') {
    body = 'The cancel request timed out. The API may be slow or restarting; refresh to see the latest state.';
  } else {
    body = 'The API is offline. Run xrpl-lab serve in a terminal, then try again.';
  }
  announce(`${title}. ${body}`);
  await openModal({ variant: 'error', icon: 'alert', title, bodyHtml: esc(body), confirmLabel: 'OK', cancelLabel: null, returnTo: btn.isConnected ? btn : null });
}

/* ---------------- polling ---------------- */

/** Fetches the board now. Calls made while one is in flight fold into one more fetch after it. */
function refresh() {
  const st = mountState;
  if (!st) return Promise.resolve();
  if (st.inflight) { st.again = true; return st.inflight; }
  st.inflight = (async () => {
    try {
      /** @type {RunListResponse} */
      const data = await api('/api/runs', { signal: st.ctl.signal });
      if (mountState !== st) return;
      if (modalOpen()) {
        // Hold the DOM still under an open dialog; the counts are safe to update.
        renderCapacity(data.active_count, data.max_concurrent);
        st.again = true;
      } else {
        renderRuns(data);
      }
      recordSample(data.active_count, data.max_concurrent);
      reflectPoll('live');
    } catch (e) {
      const err = /** @type {any} */ (e);
      if (mountState !== st || (err && err.name === 'AbortError')) return;
      renderError(err);
      reflectPoll('error');
    } finally {
      st.inflight = null;
    }
    if (st.again && mountState === st && !modalOpen()) { st.again = false; await refresh(); }
  })();
  return st.inflight;
}

function startPolling() {
  const st = mountState;
  if (!st || st.timer !== null) return;
  st.timer = window.setInterval(() => {
    if (document.visibilityState === 'visible') refresh();
  }, POLL_INTERVAL_MS);
}

function stopPolling() {
  const st = mountState;
  if (st && st.timer !== null) { clearInterval(st.timer); st.timer = null; }
}

function onVisibility() {
  if (document.visibilityState === 'visible') {
    refresh();
    startPolling();
  } else {
    stopPolling();
  }
  reflectPoll();
}

function onClick(/** @type {MouseEvent} */ e) {
  const btn = /** @type {HTMLElement} */ (e.target).closest?.('.kill-btn');
  if (btn instanceof HTMLButtonElement && !btn.disabled) kill(btn);
}

function mount() {
  if (mountState) return;
  const ctl = new AbortController();
  const root = $('fac-root');
  const teardown = () => {
    if (!mountState) return;
    stopPolling();
    ctl.abort();
    document.removeEventListener('visibilitychange', onVisibility);
    document.removeEventListener('astro:before-swap', teardown);
    root.removeEventListener('click', onClick);
    mountState = null;
  };
  mountState = { timer: null, inflight: null, again: false, ctl, teardown };
  document.addEventListener('visibilitychange', onVisibility);
  document.addEventListener('astro:before-swap', teardown, { once: true });
  root.addEventListener('click', onClick);
  renderSpark(loadSamples().filter((s) => s.t >= Date.now() - SPARK_WINDOW_MS), Date.now());
  if (document.visibilityState === 'visible') {
    refresh();
    startPolling();
  }
  reflectPoll();
}

window.addEventListener('pagehide', () => mountState?.teardown());
window.addEventListener('pageshow', (e) => { if (e.persisted) mount(); });
mount();
