//! Artifacts: the proof pack, the certificate and the reports, each in its own tab and each
//! failing on its own (one unreachable endpoint does not blank the others). Bound to the real
//! fields the server returns (`generated_at`, `completed_modules[].module_id`, `sha256`, …).
//! Download and copy happen in the browser; nothing is sent back to the server.

import { api } from '../api.js';
import { downloadFile, emptyCard, errorText, esc, flashLabel, healthIcon, icon } from '../ui.js';

const tabs = /** @type {HTMLButtonElement[]} */ ([...document.querySelectorAll('[role="tab"]')]);

function select(/** @type {HTMLButtonElement} */ tab, /** @type {boolean} */ focus) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    const panel = document.getElementById(t.getAttribute('aria-controls') || '');
    if (panel) panel.hidden = !on;
  }
  if (focus) tab.focus();
}

for (const [i, tab] of tabs.entries()) {
  tab.addEventListener('click', () => select(tab, false));
  tab.addEventListener('keydown', (e) => {
    const k = e.key;
    const to = k === 'ArrowRight' ? (i + 1) % tabs.length : k === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : k === 'Home' ? 0 : k === 'End' ? tabs.length - 1 : -1;
    if (to >= 0) { e.preventDefault(); select(tabs[to], true); }
  });
}

function fmtDate(/** @type {string} */ iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? 'unknown' : d.toLocaleString();
}

function failCard(/** @type {any} */ err, /** @type {string} */ what) {
  return `<div class="empty" data-state="error"><div class="empty__icon empty__icon--err">${icon('alert')}</div><p class="empty__title">Could not load ${esc(what)}</p><p class="empty__body">${errorText(err)}</p></div>`;
}

function hashBlock(/** @type {string} */ label, /** @type {string} */ hash) {
  return `<p class="eyebrow" style="margin-top:18px">${esc(label)}</p><div class="row" style="flex-wrap:nowrap"><div class="hashbox" style="flex:1">${esc(hash)}</div>
    <button type="button" class="btn btn--sm" data-copy="${esc(hash)}">${icon('copy')}Copy</button></div>`;
}

function renderProof(/** @type {HTMLElement} */ panel, /** @type {any} */ p) {
  const mods = Array.isArray(p.completed_modules) ? p.completed_modules : [];
  if (!mods.length) {
    panel.innerHTML = emptyCard('seal', 'No proof pack yet', 'Complete modules to generate a verifiable proof pack.').replace('class="card"', 'class=""');
    return;
  }
  panel.innerHTML = `<div class="spread"><p class="eyebrow" style="margin:0">Proof pack · v${esc(p.version)}</p>
      <button type="button" class="btn btn--sm" data-download="proof">${icon('download')}Download</button></div>
    <dl class="kv" style="margin-top:14px"><dt>Generated</dt><dd class="mono">${esc(fmtDate(p.generated_at))}</dd>
      <dt>Address</dt><dd class="mono">${esc(p.address)}</dd><dt>Network</dt><dd class="mono">${esc(p.network)}</dd>
      <dt>Transactions</dt><dd>${esc(p.successful_transactions)} ok · ${esc(p.failed_transactions)} failed</dd></dl>
    ${p.sha256 ? hashBlock('Integrity · SHA-256', p.sha256) : ''}
    <p class="eyebrow" style="margin-top:18px">Modules</p>
    ${mods.map((/** @type {any} */ m) => `<div class="prow">${healthIcon('pass')}<span class="mono">${esc(m.module_id)}</span><span class="faint small" style="margin-left:auto">${(m.txids || []).length} tx${(m.txids || []).length === 1 ? '' : 's'}</span></div>`).join('')}`;
  panel.querySelector('[data-download]')?.addEventListener('click', (e) => {
    downloadFile(p, 'xrpl_lab_proof_pack.json', 'application/json');
    flashLabel(/** @type {HTMLElement} */ (e.currentTarget), 'Saved!');
  });
}

function renderCert(/** @type {HTMLElement} */ panel, /** @type {any} */ c) {
  const mods = Array.isArray(c.modules_completed) ? c.modules_completed : [];
  if (!mods.length) {
    panel.innerHTML = emptyCard('award', 'No certificate yet', 'Finish modules to earn a completion certificate.').replace('class="card"', 'class=""');
    return;
  }
  panel.innerHTML = `<div class="spread"><p class="eyebrow" style="margin:0">Certificate of completion</p>
      <button type="button" class="btn btn--sm" data-download="cert">${icon('download')}Download</button></div>
    <dl class="kv" style="margin-top:14px"><dt>Holder</dt><dd class="mono">${esc(c.address)}</dd><dt>Issued</dt><dd class="mono">${esc(fmtDate(c.generated_at))}</dd>
      <dt>Summary</dt><dd>${esc(c.summary_line || '')}</dd>
      <dt>Modules completed</dt><dd class="row" style="gap:6px">${mods.map((/** @type {string} */ m) => `<span class="chip">${esc((c.module_titles && c.module_titles[m]) || m)}</span>`).join('')}</dd></dl>
    ${c.sha256 ? hashBlock('Certificate hash', c.sha256) : ''}`;
  panel.querySelector('[data-download]')?.addEventListener('click', (e) => {
    downloadFile(c, 'xrpl_lab_certificate.json', 'application/json');
    flashLabel(/** @type {HTMLElement} */ (e.currentTarget), 'Saved!');
  });
}

function renderReports(/** @type {HTMLElement} */ panel, /** @type {import('../types.js').ReportSummary[]} */ reports) {
  if (!reports.length) {
    panel.innerHTML = emptyCard('file', 'No reports yet', 'Complete a module to generate its report.');
    return;
  }
  panel.innerHTML = reports.map((r, i) => `<article class="report"><div class="spread"><div><h2 style="font-size:15px">${esc(r.title)}</h2>
      <span class="mono faint small">${esc(new Date(r.generated).toLocaleDateString())}</span></div>
      <button type="button" class="btn btn--sm" data-report="${i}">${icon('download')}Download</button></div>
      <pre class="report__body" tabindex="0">${esc(r.content)}</pre></article>`).join('');
  for (const btn of /** @type {NodeListOf<HTMLElement>} */ (panel.querySelectorAll('[data-report]'))) {
    btn.addEventListener('click', () => {
      const r = reports[Number(btn.dataset.report)];
      const slug = r.title.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || `report_${Number(btn.dataset.report) + 1}`;
      downloadFile(r.content, `${slug}.md`, 'text/markdown');
      flashLabel(btn, 'Saved!');
    });
  }
}

document.addEventListener('click', (e) => {
  const btn = /** @type {HTMLElement} */ (e.target).closest?.('[data-copy]');
  if (!(btn instanceof HTMLElement)) return;
  navigator.clipboard?.writeText(btn.dataset.copy || '').catch(() => { /* clipboard refused: the hash is on screen */ });
  flashLabel(btn, 'Copied!');
});

/** Loads one panel; each fails on its own. */
async function load(/** @type {string} */ id, /** @type {string} */ path, /** @type {string} */ what, /** @type {(el: HTMLElement, data: any) => void} */ draw) {
  const panel = /** @type {HTMLElement} */ (document.getElementById(id));
  try {
    const data = await api(path);
    draw(panel, data);
  } catch (e) {
    panel.innerHTML = failCard(e, what);
  }
  panel.removeAttribute('aria-busy');
}

load('panel-proof', '/api/artifacts/proof-pack', 'the proof pack', renderProof);
load('panel-cert', '/api/artifacts/certificate', 'the certificate', renderCert);
load('panel-reports', '/api/artifacts/reports', 'reports', (el, d) => renderReports(el, Array.isArray(d) ? d : []));
