//! The live run page: starts a run (`POST /api/run/{id}`) or attaches to one (`?run_id=`), and
//! follows its WebSocket stream — steps on the rail, output in the terminal, transactions, and
//! a banner that tells the truth about how it ended: completed, failed, or cancelled by the
//! facilitator (never a green "closed" for a run that did not succeed).
//!
//! The stream survives drops: it reconnects with exponential backoff and asks the server to
//! replay from the last frame it saw (`since`), so nothing is shown twice or lost. A watchdog
//! declares the run stalled when not even a keepalive ping arrives for a while.

import { ApiError, api, wsUrl } from '../api.js';
import { config } from '../config.js';
import { announce, esc, icon } from '../ui.js';

/** @typedef {import('../types.js').RunFrame} RunFrame */
/** @typedef {{label: string, status: 'pending'|'running'|'done'|'failed'}} StepRow */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const moduleId = decodeURIComponent(location.pathname.replace(/\/+$/, '').split('/').pop() || '');
const LEARNER_KEY = 'xrpl-lab-learner';

const state = {
  running: false,
  /** @type {string|null} */ runId: null,
  dry: false,
  /** @type {StepRow[]} */ steps: [],
  currentStep: -1,
  /** @type {string[]} */ moduleStepLabels: [],
  /** @type {Set<string>} */ txids: new Set(),
  /** @type {WebSocket|null} */ ws: null,
  /** seq of the last frame received: a reconnect asks the server to resume after it */
  lastSeq: 0,
  gotFirstOnSocket: false,
  reconnectAttempts: 0,
  lifetimeReconnects: 0,
  finished: false,
  userClosed: false,
  lastMessageAt: 0,
  /** @type {number|null} */ watchdog: null,
  /** @type {number|null} */ reconnectTimer: null,
};

/* ---------------- small views ---------------- */

function setStatus(/** @type {string} */ s, /** @type {string} */ text) {
  const el = $('run-status');
  el.hidden = false;
  el.dataset.state = s;
  $('run-status-text').textContent = text;
}

function setTerminalState(/** @type {string} */ s) {
  $('terminal-wrap').dataset.state = s;
  $('terminal-state-text').textContent = s;
}

function line(/** @type {string} */ text, /** @type {'ok'|'err'|'warn'|'dim'|''} */ kind = '') {
  const out = $('terminal');
  const span = document.createElement('span');
  span.className = kind ? `ln ln--${kind}` : 'ln';
  span.textContent = text;
  out.appendChild(span);
  out.scrollTop = out.scrollHeight;
}

function setButtons(/** @type {boolean} */ enabled) {
  /** @type {HTMLButtonElement} */ ($('btn-run')).disabled = !enabled;
  /** @type {HTMLButtonElement} */ ($('btn-dry')).disabled = !enabled;
}

function renderSteps() {
  const list = $('step-list');
  if (!state.steps.length) {
    list.innerHTML = '<p class="muted small">Steps appear when the run starts.</p>';
    return;
  }
  const glyph = { done: '✓', failed: '✗', running: '●' };
  list.innerHTML = `<ol class="steps" aria-labelledby="steps-label">${state.steps.map((s, i) => `<li class="step" data-state="${s.status}" aria-label="Step ${i + 1}: ${esc(s.label)}, ${s.status}">
      <span class="step__glyph" aria-hidden="true">${glyph[/** @type {'done'} */ (s.status)] || i + 1}</span>
      <span class="step__name">${esc(s.label)}</span><span class="step__tag" aria-hidden="true">${s.status}</span></li>`).join('')}</ol>`;
}

function banner(/** @type {'ok'|'err'|'stalled'|'cancelled'} */ kind, /** @type {string} */ title, /** @type {string} */ subHtml, /** @type {string} */ ctaHtml = '') {
  const el = $('completion-banner');
  const glyph = kind === 'ok' ? '✓' : kind === 'cancelled' ? '⊘' : kind === 'stalled' ? icon('alert') : '✗';
  el.className = `banner banner--${kind}`;
  el.setAttribute('role', kind === 'ok' || kind === 'cancelled' ? 'status' : 'alert');
  el.innerHTML = `<span class="banner__icon" aria-hidden="true">${glyph}</span>
    <div><p class="banner__title">${esc(title)}</p><p class="banner__sub">${subHtml}</p></div>${ctaHtml}`;
  el.hidden = false;
}

/* ---------------- lifecycle ---------------- */

function stopWatchdog() {
  if (state.watchdog !== null) { clearInterval(state.watchdog); state.watchdog = null; }
}

function startWatchdog() {
  stopWatchdog();
  state.lastMessageAt = Date.now();
  state.watchdog = window.setInterval(() => {
    if (state.running && Date.now() - state.lastMessageAt > config.wsWatchdogMs) stalled();
  }, config.wsWatchdogCheckMs);
}

/** Ends the client side of a run: no more reconnects, buttons back. */
function finish() {
  state.running = false;
  state.finished = true;
  stopWatchdog();
  if (state.reconnectTimer !== null) { clearTimeout(state.reconnectTimer); state.reconnectTimer = null; }
  const ws = state.ws;
  state.ws = null;
  if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000);
  setButtons(true);
}

function stalled() {
  const secs = Math.round(config.wsWatchdogMs / 1000);
  finish();
  setStatus('stalled', 'Connection stalled');
  setTerminalState('stalled');
  line(`[stalled] No response from the server for ${secs}s (not even the keepalive ping). Reload to reconnect.`, 'err');
  banner('stalled', "Connection stalled — the server isn't responding.", `No data or keepalive ping arrived for ${secs}s. Reload to reconnect.`,
    '<button type="button" class="btn btn--danger btn--sm banner__cta" id="reload-btn">Reload page</button>');
  $('reload-btn').addEventListener('click', () => location.reload());
  announce('Run stalled: the server stopped responding.');
}

function resetView() {
  state.steps = [];
  state.currentStep = -1;
  state.txids = new Set();
  state.lastSeq = 0;
  state.reconnectAttempts = 0;
  state.finished = false;
  state.userClosed = false;
  $('terminal').innerHTML = '';
  $('tx-list').innerHTML = '';
  $('tx-section').hidden = true;
  $('completion-banner').hidden = true;
  renderSteps();
}

async function startRun(/** @type {boolean} */ dry) {
  if (state.running) return;
  resetView();
  state.running = true;
  state.dry = dry;
  setButtons(false);
  setTerminalState('running');
  const mode = dry ? 'DRY RUN' : 'LIVE RUN';
  setStatus('running', `Starting ${mode}…`);
  announce(`${dry ? 'Dry' : 'Live'} run started for ${moduleId}.`);
  line(`[${mode}] Starting module: ${moduleId}`, 'dim');
  const learner = /** @type {HTMLInputElement} */ ($('learner-name')).value.trim();
  try { if (learner) localStorage.setItem(LEARNER_KEY, learner); else localStorage.removeItem(LEARNER_KEY); } catch { /* optional */ }
  const qs = new URLSearchParams({ dry_run: String(dry) });
  if (learner) qs.set('learner', learner);
  try {
    /** @type {import('../types.js').RunStartResponse} */
    const res = await api(`/api/run/${encodeURIComponent(moduleId)}?${qs}`, { method: 'POST' });
    attach(res.run_id);
  } catch (e) {
    const err = /** @type {ApiError} */ (e);
    const msg = err.kind === 'timeout' ? 'Request timed out — check the API server is responsive.'
      : err.kind === 'offline' ? 'Could not reach the API server — is it running?'
      : `${err.detail || `API returned ${err.status}`}${err.hint ? ` ${err.hint}` : ''}`;
    line(`[error] ${msg}`, 'err');
    setStatus('failed', 'Failed to start');
    setTerminalState('failed');
    announce(`Failed to start run: ${msg}`);
    state.running = false;
    setButtons(true);
  }
}

/** Follows an existing run's stream. */
function attach(/** @type {string} */ runId) {
  state.runId = runId;
  state.running = true;
  $('run-page').dataset.runId = runId;
  setButtons(false);
  setTerminalState('running');
  line(`Run ID: ${runId}`, 'dim');
  setStatus('running', 'Running…');
  connect();
}

function connect() {
  if (!state.runId) return;
  const qs = new URLSearchParams({ run_id: state.runId });
  if (state.lastSeq > 0) qs.set('since', String(state.lastSeq));
  const ws = new WebSocket(wsUrl(`/api/run/${encodeURIComponent(moduleId)}/ws?${qs}`));
  state.ws = ws;
  state.gotFirstOnSocket = false;
  startWatchdog();
  ws.addEventListener('message', (ev) => {
    if (state.ws !== ws) return;
    state.lastMessageAt = Date.now();
    if (!state.gotFirstOnSocket) { state.gotFirstOnSocket = true; state.reconnectAttempts = 0; }
    /** @type {RunFrame} */
    let frame;
    try { frame = JSON.parse(String(ev.data)); } catch { return; }
    handle(frame);
  });
  ws.addEventListener('close', (ev) => onClose(ws, ev));
}

function onClose(/** @type {WebSocket} */ ws, /** @type {CloseEvent} */ ev) {
  if (state.ws !== ws) return;
  state.ws = null;
  stopWatchdog();
  if (state.finished || state.userClosed || !state.running) return;
  if (ev.code === 4003) {
    finish();
    setStatus('failed', 'Origin rejected');
    setTerminalState('failed');
    const msg = 'Run disconnected: the server refused this page\'s origin (server configuration). Open the dashboard from the address xrpl-lab serve printed.';
    line(`[error] ${msg}`, 'err');
    announce(msg);
    return;
  }
  if (ev.code === 4004 || ev.code === 1008) {
    finish();
    setStatus('stalled', 'Run not found');
    setTerminalState('stalled');
    const msg = 'This run is no longer known to the server (it finished and was cleaned up, or the server restarted). Start a new run.';
    line(`[disconnected] ${msg}`, 'warn');
    announce(`Run disconnected: ${msg}`);
    return;
  }
  if (state.lifetimeReconnects >= config.wsMaxLifetimeReconnects || state.reconnectAttempts >= config.wsMaxReconnect) {
    const n = state.lifetimeReconnects;
    finish();
    setStatus('failed', 'Disconnected');
    setTerminalState('failed');
    const msg = `Connection lost after ${n} reconnect attempts. Refresh the page to retry.`;
    line(`[disconnected] ${msg}`, 'err');
    announce(`Run disconnected: ${msg}`);
    return;
  }
  const delay = config.wsReconnectBaseMs * 2 ** state.reconnectAttempts;
  state.reconnectAttempts += 1;
  state.lifetimeReconnects += 1;
  const n = state.reconnectAttempts;
  setStatus('stalled', `Reconnecting (${n}/${config.wsMaxReconnect})…`);
  announce(`Connection dropped. Reconnecting, attempt ${n} of ${config.wsMaxReconnect}.`);
  line(`[reconnecting] stream dropped (code ${ev.code}). Retry in ${(delay / 1000).toFixed(1)}s (attempt ${n}/${config.wsMaxReconnect})`, 'warn');
  state.reconnectTimer = window.setTimeout(() => {
    state.reconnectTimer = null;
    if (state.running && !state.userClosed) connect();
  }, delay);
}

/* ---------------- frames ---------------- */

function handle(/** @type {RunFrame} */ f) {
  if (f.type === 'ping') return;
  if (typeof f.seq === 'number') {
    // The server numbers frames from 1: skip anything a replay repeats.
    if (f.seq <= state.lastSeq) return;
    state.lastSeq = f.seq;
  }
  switch (f.type) {
    case 'step': {
      if (!state.steps.length) {
        const total = Math.max(0, Number(f.total) || 0);
        state.steps = Array.from({ length: total }, (_, i) => ({ label: state.moduleStepLabels[i] || `Step ${i + 1}`, status: /** @type {const} */ ('pending') }));
      }
      for (const s of state.steps) if (s.status === 'running') s.status = 'done';
      const row = state.steps[f.index];
      if (row) { row.status = 'running'; if (f.action) row.label = f.action; }
      state.currentStep = f.index;
      renderSteps();
      line(`> Step ${f.index + 1}/${f.total}: ${f.action}`, 'dim');
      announce(`Step ${f.index + 1} of ${f.total}: ${f.action}`);
      break;
    }
    case 'output':
      line(String(f.text ?? ''), 'ok');
      break;
    case 'step_complete': {
      /** @type {StepRow|undefined} */
      let row = state.steps[state.currentStep];
      if (!row || row.status !== 'running') row = state.steps.find((s) => s.status === 'running') || state.steps.find((s) => s.label === f.action);
      if (row) row.status = f.success ? 'done' : 'failed';
      renderSteps();
      line(f.success ? `  ✓ ${f.action}: completed` : `  ✗ ${f.action}: failed`, f.success ? 'ok' : 'err');
      break;
    }
    case 'tx': {
      if (state.txids.has(f.txid)) break;
      state.txids.add(f.txid);
      const ok = f.result_code === 'tesSUCCESS';
      $('tx-section').hidden = false;
      const li = document.createElement('li');
      li.className = 'tx';
      li.innerHTML = `<span class="tx__id">${esc(f.txid)}</span><span class="tx__code tx__code--${ok ? 'ok' : 'err'}" title="${esc(f.result_code)}">${esc(f.result_code || '—')}</span>`;
      $('tx-list').appendChild(li);
      line(`  TX: ${f.txid} [${f.result_code}]`, ok ? 'ok' : 'err');
      announce(`Transaction result: ${f.result_code}${ok ? '' : ' (failed)'}`);
      break;
    }
    case 'complete':
      complete(f.success, f.txids || [], f.report_path || '');
      break;
    case 'error':
      errored(f);
      break;
    default:
      break;
  }
}

function closeRunningStep(/** @type {'done'|'failed'} */ to) {
  for (const s of state.steps) if (s.status === 'running') s.status = to;
  renderSteps();
}

function complete(/** @type {boolean} */ success, /** @type {string[]} */ txids, /** @type {string} */ reportPath) {
  finish();
  closeRunningStep(success ? 'done' : 'failed');
  setStatus(success ? 'done' : 'failed', success ? 'Completed' : 'Failed');
  setTerminalState(success ? 'done' : 'failed');
  line(success ? '--- Run PASSED ---' : '--- Run FAILED ---', success ? 'ok' : 'err');
  if (success) {
    const link = reportPath ? ' <a href="/xrpl-lab/app/artifacts/">View artifacts →</a>' : '';
    banner('ok', 'Module completed successfully', `${txids.length} transaction${txids.length === 1 ? '' : 's'} submitted.${link}`);
  } else {
    banner('err', 'Module run failed', 'A step failed: check the output above. You can retry the run.');
  }
}

function errored(/** @type {Extract<RunFrame, {type: 'error'}>} */ f) {
  const cancelled = f.code === 'RUNTIME_CANCELLED';
  finish();
  closeRunningStep('failed');
  line(`[${cancelled ? 'cancelled' : 'error'}] ${f.message}`, cancelled ? 'warn' : 'err');
  if (f.hint) line(`  hint: ${f.hint}`, 'dim');
  const sub = `${esc(f.message)}${f.hint ? ` ${esc(f.hint)}` : ''}`;
  if (cancelled) {
    setStatus('cancelled', 'Cancelled');
    setTerminalState('cancelled');
    banner('cancelled', 'Run cancelled', sub);
    announce(`Run cancelled: ${f.message}`);
  } else {
    setStatus('failed', 'Failed');
    setTerminalState('failed');
    banner('err', 'Run stopped with an error', sub);
    announce(`Error: ${f.message}`);
  }
}

/* ---------------- page ---------------- */

async function loadModule() {
  $('back-link').setAttribute('href', `/xrpl-lab/app/modules/${encodeURIComponent(moduleId)}/`);
  try {
    /** @type {import('../types.js').ModuleDetail} */
    const mod = await api(`/api/modules/${encodeURIComponent(moduleId)}`);
    $('run-title').textContent = mod.title || moduleId;
    document.title = `${mod.title || moduleId} - XRPL Lab`;
    if (mod.level) { $('run-badge').textContent = mod.level; $('run-badge').hidden = false; }
    state.moduleStepLabels = (mod.steps || []).map((s) => {
      const first = String(s).split('\n')[0].replace(/^#+\s*/, '').trim();
      return first.length > 48 ? `${first.slice(0, 47)}…` : first;
    });
    return true;
  } catch (e) {
    const err = /** @type {ApiError} */ (e);
    $('run-title').textContent = moduleId;
    // Only a 404 that names the module means it does not exist (not a server without the route).
    if (err.kind === 'http' && err.code === 'MODULE_NOT_FOUND') {
      $('run-notice').innerHTML = `<div class="banner banner--err" role="alert"><span class="banner__icon" aria-hidden="true">✗</span><div><p class="banner__title">Module not found</p><p class="banner__sub">There is no module <code>${esc(moduleId)}</code>. <a href="/xrpl-lab/app/modules/">Pick one from the list</a>.</p></div></div>`;
      return false;
    }
    return true; // the run itself will report an offline API
  }
}

function teardown() {
  state.userClosed = true;
  stopWatchdog();
  if (state.reconnectTimer !== null) clearTimeout(state.reconnectTimer);
  if (state.ws) { const ws = state.ws; state.ws = null; ws.close(1000); }
}

async function main() {
  try { /** @type {HTMLInputElement} */ ($('learner-name')).value = localStorage.getItem(LEARNER_KEY) || ''; } catch { /* optional */ }
  $('btn-run').addEventListener('click', () => startRun(false));
  $('btn-dry').addEventListener('click', () => startRun(true));
  window.addEventListener('pagehide', teardown);
  document.addEventListener('astro:before-swap', teardown, { once: true });
  const known = await loadModule();
  if (!known) return;
  setButtons(true);
  const params = new URLSearchParams(location.search);
  const attachTo = params.get('run_id');
  const auto = params.get('dry_run');
  if (attachTo) {
    resetView();
    attach(attachTo);
  } else if (auto !== null) {
    // Start once: a reload of this page must not start another run.
    history.replaceState(null, '', location.pathname);
    setTimeout(() => startRun(auto === 'true'), config.autoStartDelayMs);
  }
}

main();
