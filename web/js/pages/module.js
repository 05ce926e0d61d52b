//! One module's page: what it teaches, its steps, its prerequisites, and the two ways to run it
//! (live on the testnet, or in the sandbox). Data from `GET /api/modules/{id}`; prerequisite
//! titles from `GET /api/modules` when there are any.

import { api } from '../api.js';
import { errorCard, esc, healthIcon, icon } from '../ui.js';

/** @typedef {import('../types.js').ModuleDetail} ModuleDetail */
/** @typedef {import('../types.js').ModuleSummary} ModuleSummary */

const root = /** @type {HTMLElement} */ (document.getElementById('module-root'));
const moduleId = decodeURIComponent(location.pathname.replace(/\/+$/, '').split('/').pop() || '');
const back = '<a class="muted small" href="/xrpl-lab/app/modules/">← Back to Modules</a>';

/** A step's markdown as a preview: its heading in bold, then the start of its text (no markup
 * comments such as the `<!-- action: … -->` markers). */
function stepPreview(/** @type {string} */ text) {
  const lines = String(text).replace(/<!--[\s\S]*?-->/g, '').split('\n').map((l) => l.trim()).filter(Boolean);
  const head = (lines.shift() || '').replace(/^#+\s*/, '');
  const rest = lines.join(' ');
  const body = rest.length > 240 ? `${rest.slice(0, 239)}…` : rest;
  return `<strong>${esc(head)}</strong>${body ? `<br><span class="muted small">${esc(body)}</span>` : ''}`;
}

function stat(/** @type {string} */ label, /** @type {string} */ value) {
  return `<div class="stat"><div class="stat__label">${esc(label)}</div><div class="stat__value">${esc(value)}</div></div>`;
}

function render(/** @type {ModuleDetail} */ m, /** @type {ModuleSummary[]|null} */ all) {
  document.title = `${m.title} - XRPL Lab`;
  const run = `/xrpl-lab/app/run/${encodeURIComponent(m.id)}/`;
  const prereqs = m.prerequisites.length && all
    ? `<section class="card section"><p class="eyebrow">Prerequisites</p>${m.prerequisites.map((pid) => {
      const p = all.find((x) => x.id === pid);
      return `<div class="prow">${healthIcon(p && p.completed ? 'pass' : 'warn')}<a href="/xrpl-lab/app/modules/${encodeURIComponent(pid)}/">${esc(p ? p.title : pid)}</a>
        <span class="small" style="margin-left:auto;color:var(${p && p.completed ? '--accent' : '--warn'})">${p && p.completed ? 'Completed' : 'Not completed'}</span></div>`;
    }).join('')}</section>` : '';
  root.innerHTML = `
    <div class="screen-head"><div>${back}
      <div class="row" style="margin-top:6px"><h1>${esc(m.title)}</h1><span class="chip">${esc(m.level)}</span>${m.completed ? '<span class="chip chip--next">✓ Completed</span>' : ''}</div>
      <p class="lede">${esc(m.description)}</p></div></div>
    <div class="grid-stats section">
      ${stat('Time estimate', m.time_estimate || '—')}
      ${stat('Prerequisites', m.prerequisites.length ? String(m.prerequisites.length) : 'None')}
      ${stat('Artifacts', m.artifacts.length ? m.artifacts.join(', ') : '—')}
    </div>
    <section class="card section"><p class="eyebrow">Steps preview</p>
      <ol class="steps-preview">${m.steps.map((s) => `<li>${stepPreview(s)}</li>`).join('')}</ol></section>
    ${prereqs}
    <div class="row section">
      <a class="btn btn--primary" href="${run}?dry_run=false">${icon('play')}Run module</a>
      <a class="btn" href="${run}?dry_run=true">${icon('flask')}Run in dry mode</a>
      ${m.completed ? '<span class="muted small" style="margin-left:auto">✓ Module completed</span>' : ''}
    </div>`;
}

async function main() {
  try {
    /** @type {ModuleDetail} */
    const m = await api(`/api/modules/${encodeURIComponent(moduleId)}`);
    let all = null;
    if (m.prerequisites && m.prerequisites.length) {
      try { all = await api('/api/modules'); } catch { all = null; }
    }
    root.removeAttribute('aria-busy');
    render(m, all);
  } catch (e) {
    const err = /** @type {any} */ (e);
    root.removeAttribute('aria-busy');
    root.innerHTML = `<div class="screen-head"><div>${back}</div></div>${err.kind === 'http' && err.code === 'MODULE_NOT_FOUND'
      ? `<div class="card" data-state="error"><div class="empty"><div class="empty__icon empty__icon--err">${icon('alert')}</div><p class="empty__title">Module not found</p><p class="empty__body">There is no module <code class="mono">${esc(moduleId)}</code> (HTTP 404). It may have been renamed or removed.</p></div></div>`
      : errorCard(err, "Can't load this module")}`;
  }
}

main();
