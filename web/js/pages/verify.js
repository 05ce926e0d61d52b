//! Verify: paste or drop a proof pack or certificate, `POST /api/verify` it, and show the verdict
//! — the offline integrity check always, the on-ledger table when asked for.

import { api } from '../api.js';
import { config } from '../config.js';
import { esc, healthIcon, icon, verifyBadge } from '../ui.js';

/** @typedef {import('../types.js').VerifyResponse} VerifyResponse */

const input = /** @type {HTMLTextAreaElement} */ (document.getElementById('verify-input'));
const fileInput = /** @type {HTMLInputElement} */ (document.getElementById('verify-file'));
const drop = /** @type {HTMLElement} */ (document.getElementById('dropzone'));
const dropLabel = /** @type {HTMLElement} */ (document.getElementById('drop-label'));
const live = /** @type {HTMLInputElement} */ (document.getElementById('verify-live'));
const btn = /** @type {HTMLButtonElement} */ (document.getElementById('verify-btn'));
const out = /** @type {HTMLElement} */ (document.getElementById('verify-result'));

function notice(/** @type {string} */ title, /** @type {string} */ body, /** @type {'warn'|'err'} */ kind = 'warn') {
  out.innerHTML = `<div class="card" data-state="notice"><div class="empty"><div class="empty__icon empty__icon--${kind}">${icon('alert')}</div><p class="empty__title">${esc(title)}</p><p class="empty__body">${esc(body)}</p></div></div>`;
}

function readFile(/** @type {File} */ file) {
  const reader = new FileReader();
  reader.onload = () => { input.value = String(reader.result || ''); dropLabel.textContent = `Loaded ${file.name}`; };
  reader.onerror = () => { dropLabel.textContent = `Couldn't read ${file.name}`; };
  reader.readAsText(file);
}

fileInput.addEventListener('change', () => { if (fileInput.files && fileInput.files[0]) readFile(fileInput.files[0]); });
for (const ev of ['dragenter', 'dragover']) drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add('is-drag'); });
for (const ev of ['dragleave', 'drop']) drop.addEventListener(ev, () => drop.classList.remove('is-drag'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  const f = /** @type {DragEvent} */ (e).dataTransfer?.files?.[0];
  if (f) readFile(f);
});

function render(/** @type {VerifyResponse} */ r) {
  const kind = r.artifact_kind === 'certificate' ? 'Certificate' : 'Proof pack';
  const verdict = r.overall_passed ? `${kind} verified` : r.hash_valid ? `${kind} failed on-ledger verification` : `${kind} integrity check failed`;
  const kv = [['Type', kind], ['Version', r.version], ['Address', r.address], ['Network', r.network]].filter(([, v]) => v)
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd class="mono">${esc(v)}</dd>`).join('');
  let liveHtml = '';
  if (r.live_requested && r.hash_valid && r.live) {
    const L = r.live;
    const rows = L.tx_results.map((t) => `<tr><td class="vtx">${esc(t.txid)}</td><td>${esc(t.network)}</td><td>${verifyBadge(t.status)}</td>
        <td>${t.explorer_url ? `<a href="${esc(t.explorer_url)}" target="_blank" rel="noopener noreferrer">explorer →</a>` : '—'}</td></tr>
        <tr class="vreason"><td colspan="4">${esc(t.reason)}</td></tr>`).join('');
    liveHtml = `<p class="eyebrow" style="margin-top:18px">On-ledger verification</p>
      <p class="small muted">${L.passed} passed · ${L.failed} failed · ${L.skipped} skipped${L.note ? ` · ${esc(L.note)}` : ''}</p>
      ${rows ? `<table class="vtable"><thead><tr><th scope="col">Transaction</th><th scope="col">Network</th><th scope="col">Status</th><th scope="col">Link</th></tr></thead><tbody>${rows}</tbody></table>` : `<p class="muted small">${esc(L.note || 'No transactions to anchor on-ledger.')}</p>`}`;
  } else if (r.live_requested && !r.hash_valid) {
    liveHtml = '<p class="muted small" style="margin-top:14px">On-ledger verification skipped — the integrity check failed, so the artifact was edited after it was sealed and cannot be trusted, whatever its txids.</p>';
  }
  out.innerHTML = `<section class="card" data-state="result" data-passed="${r.overall_passed}">
    <div class="verdict">${healthIcon(r.overall_passed ? 'pass' : 'fail')}<h2>${esc(verdict)}</h2></div>
    <dl class="kv">${kv}</dl>
    <div class="prow" style="margin-top:14px">${healthIcon(r.hash_valid ? 'pass' : 'fail')}<strong>Integrity (SHA-256)</strong><span class="muted small">${esc(r.hash_message)}</span></div>
    ${liveHtml}</section>`;
}

btn.addEventListener('click', async () => {
  const text = input.value.trim();
  if (!text) { notice('Nothing to verify', 'Paste a proof pack or certificate, or drop a .json file, then press Verify.'); return; }
  let body;
  try { body = JSON.parse(text); } catch {
    notice('Not valid JSON', 'The pasted text could not be parsed as JSON. Paste the full file contents, including the outermost { }.', 'err');
    return;
  }
  btn.disabled = true;
  btn.textContent = 'Verifying…';
  out.innerHTML = '<div class="card" aria-busy="true"><div class="skeleton sk-line" style="width:40%"></div><div class="skeleton sk-line"></div></div>';
  try {
    render(await api(`/api/verify?live=${live.checked}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), timeoutMs: config.fetchTimeoutMs * 6 }));
  } catch (e) {
    const err = /** @type {any} */ (e);
    if (err.kind === 'timeout') notice('Request timed out', 'The API may be slow or restarting. Check that xrpl-lab serve is responsive, then retry.', 'err');
    else if (err.kind === 'offline') notice("Can't reach the API", 'The API is offline. Run xrpl-lab serve in a terminal, then retry.', 'err');
    else if (err.status === 400) notice('Not a valid artifact', err.detail || 'The pasted text is not a recognised proof pack or certificate. Paste the full JSON file generated by xrpl-lab.', 'err');
    else notice(`API error (HTTP ${err.status})`, 'The server is up but returned an error. Check the server log and retry.', 'err');
  } finally {
    btn.disabled = false;
    btn.textContent = 'Verify';
  }
});
