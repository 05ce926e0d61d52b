//! The dashboard's shared vocabulary: escaping, icons, status badges, time formats, screen-reader
//! announcements, the error/empty cards, and the one modal dialog (focus-trapped, Esc cancels,
//! focus returns to whatever opened it). Pages build their DOM from these so a status looks and
//! reads the same everywhere.

/** Escapes text for interpolation into HTML. @param {unknown} s */
export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] || c);
}

const ICON_PATHS = {
  play: '<path d="M7 4.5v15l12-7.5z"/>',
  board: '<path d="M9 6h11M9 12h11M9 18h11"/><circle cx="4.5" cy="6" r="1.2"/><circle cx="4.5" cy="12" r="1.2"/><circle cx="4.5" cy="18" r="1.2"/>',
  seal: '<path d="M12 3l8 3v6c0 4.5-3.4 8.2-8 9-4.6-.8-8-4.5-8-9V6z"/><path d="M8.5 12l2.5 2.5 4.5-5"/>',
  book: '<path d="M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2z"/><path d="M4 21V5"/>',
  wallet: '<rect x="3" y="6" width="18" height="13" rx="2"/><path d="M3 10h18"/><circle cx="16.5" cy="14.5" r="1.2"/>',
  net: '<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9S14.5 18.4 12 21c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z"/>',
  doctor: '<path d="M6 3v6a4 4 0 0 0 8 0V3"/><path d="M10 13v2a5 5 0 0 0 10 0v-2"/><circle cx="20" cy="11" r="2"/>',
  clock: '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>',
  ban: '<circle cx="12" cy="12" r="9"/><path d="M5.6 5.6l12.8 12.8"/>',
  alert: '<path d="M12 3.5L2.5 20h19z"/><path d="M12 10v4.5"/><path d="M12 17.2v.1"/>',
  reload: '<path d="M20 11a8 8 0 1 0-2.3 5.7"/><path d="M20 5v6h-6"/>',
  award: '<circle cx="12" cy="9" r="6"/><path d="M8.5 14l-1.5 7 5-3 5 3-1.5-7"/>',
  file: '<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/><path d="M14 3v5h5"/><path d="M9 13h6M9 17h6"/>',
  inbox: '<path d="M3 13l3-8h12l3 8"/><path d="M3 13v6h18v-6h-5l-1.5 2.5h-5L8 13z"/>',
  key: '<circle cx="8" cy="15" r="4"/><path d="M11 12l9-9M17 6l2 2M15 8l2 2"/>',
  check: '<path d="M5 12.5l4.5 4.5L19 7"/>',
  x: '<path d="M6 6l12 12M18 6L6 18"/>',
  copy: '<rect x="8" y="8" width="12" height="12" rx="2"/><path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2"/>',
  download: '<path d="M12 4v11M7 10.5l5 5 5-5"/><path d="M4 20h16"/>',
  flask: '<path d="M9 3h6M10 3v6l-5.5 9.5A1.7 1.7 0 0 0 6 21h12a1.7 1.7 0 0 0 1.5-2.5L14 9V3"/><path d="M7.5 15h9"/>',
};

/** An inline line icon (decorative: hidden from assistive tech). @param {keyof typeof ICON_PATHS} name */
export function icon(name) {
  return `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${ICON_PATHS[name] || ''}</svg>`;
}

/** Run status → badge look, glyph and word. The four statuses of the API, nothing more. */
const STATUS = {
  running: { cls: 'active', glyph: '', label: 'ACTIVE' },
  completed: { cls: 'done', glyph: '✓', label: 'DONE' },
  failed: { cls: 'failed', glyph: '✗', label: 'FAILED' },
  cancelled: { cls: 'cancelled', glyph: '⊘', label: 'CANCELLED' },
};

/**
 * The status badge of a run: icon + colour + text. Unknown values get a neutral badge with
 * the raw word, so a fifth status is visible but never mistaken for one of the four.
 * @param {string} status
 */
export function statusBadge(status) {
  const s = Object.prototype.hasOwnProperty.call(STATUS, status) ? STATUS[/** @type {keyof typeof STATUS} */ (status)] : null;
  if (!s) {
    return `<span class="badge badge--unknown" data-status="${esc(status)}"><span class="badge__glyph" aria-hidden="true">?</span>${esc(String(status || 'unknown').toUpperCase())}</span>`;
  }
  return `<span class="badge badge--${s.cls}" data-status="${esc(status)}"><span class="badge__glyph" aria-hidden="true">${s.glyph}</span>${s.label}</span>`;
}

/** PASS / FAIL / SKIPPED from the verifier, in the same shapes as the run badges. @param {string} v */
export function verifyBadge(v) {
  if (v === 'PASS') return '<span class="badge badge--done"><span class="badge__glyph" aria-hidden="true">✓</span>PASS</span>';
  if (v === 'FAIL') return '<span class="badge badge--failed"><span class="badge__glyph" aria-hidden="true">✗</span>FAIL</span>';
  return `<span class="badge badge--skipped"><span class="badge__glyph" aria-hidden="true">⊘</span>${esc(v || 'SKIPPED')}</span>`;
}

/** A health shape: circle = pass, triangle = warning, diamond = fail. @param {'pass'|'warn'|'fail'|string} h */
export function healthIcon(h) {
  if (h === 'pass') return '<span class="hicon hicon--pass" role="img" aria-label="pass">✓</span>';
  if (h === 'warn') return '<span class="hicon hicon--warn" role="img" aria-label="warning">!</span>';
  return '<span class="hicon hicon--fail" role="img" aria-label="fail"><span>✕</span></span>';
}

/** "47s" under a minute, "3m 05s" under an hour, "1h 02m" beyond. @param {number} seconds */
export function fmtElapsed(seconds) {
  const s = Math.max(0, Math.round(Number(seconds) || 0));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** "HH:MM:SS UTC" of an ISO timestamp, or "" when it does not parse. @param {string} iso */
export function fmtClock(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.toISOString().slice(11, 19)} UTC`;
}

/** The short form of a run id: its first 8 characters. @param {string} id */
export function shortId(id) {
  return String(id || '').slice(0, 8);
}

/**
 * Says something to screen readers through the shared live region. Blanks it first so the same
 * message said twice is announced twice.
 * @param {string} msg
 */
export function announce(msg) {
  const el = document.getElementById('announcer');
  if (!el) return;
  el.textContent = '';
  setTimeout(() => { el.textContent = msg; }, 30);
}

/**
 * The card a page shows when its data cannot be loaded.
 * @param {{kind?: string, status?: number, statusText?: string, detail?: string}} err
 * @param {string} [title]
 * @param {string} [retryNote] how the page recovers ("Refresh to retry." by default)
 */
export function errorCard(err, title = "Can't reach the API", retryNote = 'Refresh to retry.') {
  return `<div class="card" data-state="error" data-error-kind="${esc(err.kind || 'offline')}"><div class="empty">
    <div class="empty__icon empty__icon--err">${icon('alert')}</div>
    <p class="empty__title">${esc(title)}</p>
    <p class="empty__body">${errorText(err, retryNote)}</p></div></div>`;
}

/**
 * The one sentence explaining a failed call (HTML; the command is in code).
 * @param {{kind?: string, status?: number, detail?: string}} err
 * @param {string} [retryNote]
 */
export function errorText(err, retryNote = 'Refresh to retry.') {
  if (err.kind === 'timeout') return `Request timed out. The API may be slow or restarting. ${esc(retryNote)}`;
  if (err.kind === 'http') {
    const detail = err.detail ? ` ${esc(err.detail)}` : '';
    return `API error (HTTP ${esc(err.status)}). The server is up but returned an error.${detail} ${esc(retryNote)}`;
  }
  return `API is offline. Run <code class="mono">xrpl-lab serve</code> in a terminal, then refresh.`;
}

/** The "nothing here yet" card. */
export function emptyCard(/** @type {keyof typeof ICON_PATHS} */ iconName, /** @type {string} */ title, /** @type {string} */ body) {
  return `<div class="card" data-state="empty"><div class="empty">
    <div class="empty__icon">${icon(iconName)}</div>
    <p class="empty__title">${esc(title)}</p>
    <p class="empty__body">${esc(body)}</p></div></div>`;
}

/* ---------------- modal ---------------- */

/** @type {null | (() => void)} */
let closeOpenModal = null;

/**
 * Opens the one modal dialog. Tab cycles inside it, Esc (or a click on the backdrop) cancels,
 * and focus goes back to `returnTo` (or whatever had it) when it closes.
 * @param {{variant?: 'danger'|'error'|'ok'|'info', icon?: keyof typeof ICON_PATHS, title: string,
 *   bodyHtml: string, confirmLabel?: string, cancelLabel?: string|null, field?: {label: string, type?: string},
 *   returnTo?: HTMLElement|null}} opts
 * @returns {Promise<{confirmed: boolean, value: string}>}
 */
export function openModal(opts) {
  if (closeOpenModal) closeOpenModal();
  const root = document.getElementById('modal-root') || document.body;
  const returnTo = opts.returnTo || /** @type {HTMLElement|null} */ (document.activeElement);
  const variant = opts.variant || 'danger';
  const overlay = document.createElement('div');
  overlay.className = 'modal-overlay';
  const confirmCls = variant === 'ok' || variant === 'info' ? 'btn btn--primary' : variant === 'error' ? 'btn' : 'btn btn--danger';
  const field = opts.field
    ? `<label class="sr-only" for="mField">${esc(opts.field.label)}</label><input class="modal__field mono" id="mField" type="${esc(opts.field.type || 'text')}" autocomplete="off" placeholder="${esc(opts.field.label)}">`
    : '';
  overlay.innerHTML = `<div class="modal modal--${variant}" role="${variant === 'danger' || variant === 'error' ? 'alertdialog' : 'dialog'}" aria-modal="true" aria-labelledby="mTitle" aria-describedby="mBody">
    <div class="modal__icon">${icon(opts.icon || 'alert')}</div>
    <h2 class="modal__title" id="mTitle">${esc(opts.title)}</h2>
    <div class="modal__body" id="mBody">${opts.bodyHtml}</div>
    <form class="modal__form" method="dialog">${field}
      <div class="modal__actions">
        ${opts.cancelLabel === null ? '' : `<button type="button" class="btn" data-act="cancel">${esc(opts.cancelLabel || 'Cancel')}</button>`}
        <button type="submit" class="${confirmCls}" data-act="confirm">${esc(opts.confirmLabel || 'OK')}</button>
      </div></form></div>`;
  root.appendChild(overlay);
  const dialog = /** @type {HTMLElement} */ (overlay.querySelector('.modal'));
  const form = /** @type {HTMLFormElement} */ (overlay.querySelector('form'));
  const input = /** @type {HTMLInputElement|null} */ (overlay.querySelector('#mField'));
  const confirmBtn = /** @type {HTMLButtonElement} */ (overlay.querySelector('[data-act="confirm"]'));

  return new Promise((resolve) => {
    let done = false;
    const finish = (/** @type {boolean} */ confirmed) => {
      if (done) return;
      done = true;
      document.removeEventListener('keydown', onKey, true);
      overlay.remove();
      closeOpenModal = null;
      if (returnTo && returnTo.isConnected && typeof returnTo.focus === 'function') returnTo.focus();
      else document.getElementById('main')?.focus();
      resolve({ confirmed, value: input ? input.value.trim() : '' });
    };
    const focusables = () => /** @type {HTMLElement[]} */ ([...dialog.querySelectorAll('button, input')]);
    const onKey = (/** @type {KeyboardEvent} */ e) => {
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); finish(false); return; }
      if (e.key === 'Tab') {
        const f = focusables();
        if (!f.length) return;
        const i = f.indexOf(/** @type {HTMLElement} */ (document.activeElement));
        const next = e.shiftKey ? (i <= 0 ? f.length - 1 : i - 1) : (i === -1 || i === f.length - 1 ? 0 : i + 1);
        e.preventDefault();
        f[next].focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    overlay.addEventListener('mousedown', (e) => { if (e.target === overlay) finish(false); });
    overlay.querySelector('[data-act="cancel"]')?.addEventListener('click', () => finish(false));
    form.addEventListener('submit', (e) => { e.preventDefault(); finish(true); });
    closeOpenModal = () => finish(false);
    (input || confirmBtn).focus();
  });
}

/** Whether a modal is open (pages hold back re-renders that would yank focus). */
export function modalOpen() {
  return closeOpenModal !== null;
}

/** Asks for the API token (the server answered 401). @returns {Promise<string|null>} */
export async function askToken() {
  const r = await openModal({
    variant: 'info', icon: 'key', title: 'Token required',
    bodyHtml: 'This xrpl-lab server asks for an access token. Your facilitator has it (it was printed when <code>xrpl-lab serve</code> started). It is kept for this tab only.',
    confirmLabel: 'Use token', cancelLabel: 'Cancel', field: { label: 'Access token', type: 'password' },
  });
  return r.confirmed && r.value ? r.value : null;
}

/**
 * Saves text or a JSON value as a file on the learner's machine (no server round trip).
 * @param {unknown} data @param {string} filename @param {string} mime
 */
export function downloadFile(data, filename, mime) {
  const text = typeof data === 'string' ? data : JSON.stringify(data, null, 2);
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Briefly relabels a button ("Copied!", "Saved!") and restores it. @param {HTMLElement} btn @param {string} label */
export function flashLabel(btn, label) {
  const old = btn.innerHTML;
  btn.textContent = label;
  setTimeout(() => { btn.innerHTML = old; }, 1400);
}
