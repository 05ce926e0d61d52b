//! The module list (`GET /api/modules`), with a level filter whose state lives in
//! `aria-pressed`, so what a screen reader hears and what the eye sees cannot disagree.

import { api } from '../api.js';
import { emptyCard, errorCard, esc, healthIcon } from '../ui.js';

/** @typedef {import('../types.js').ModuleSummary} ModuleSummary */

const root = /** @type {HTMLElement} */ (document.getElementById('modules-root'));
/** @type {ModuleSummary[]} */
let modules = [];
let level = '';

function tile(/** @type {ModuleSummary} */ m) {
  const mark = m.completed ? healthIcon('pass') : '<span class="ring" role="img" aria-label="Not yet completed"></span>';
  return `<a class="qa${m.is_next ? ' qa--next' : ''}" data-level="${esc(m.level)}" href="/xrpl-lab/app/modules/${encodeURIComponent(m.id)}/">
    <span style="flex:1;min-width:0"><span class="qa__title"><span>${esc(m.title)}</span>${mark}</span>
    <span class="qa__sub">${esc(m.summary || '')}</span>
    <span class="row" style="margin-top:10px;gap:8px"><span class="chip">${esc(m.level)}</span>${m.is_next ? '<span class="chip chip--next">Up next</span>' : ''}${m.mode === 'dry-run' ? '<span class="chip chip--dry">sandbox only</span>' : ''}<span class="faint small">${esc(m.time_estimate || '')}</span></span></span></a>`;
}

function render() {
  const shown = modules.filter((m) => !level || String(m.level).toLowerCase() === level);
  if (!modules.length) {
    root.innerHTML = emptyCard('book', 'No modules', 'This server has no modules loaded. Check the --modules directory it was started with.');
  } else if (!shown.length) {
    root.innerHTML = emptyCard('inbox', 'No modules here', 'No modules match this level. Try a different filter.');
  } else {
    root.innerHTML = `<div class="grid-tiles">${shown.map(tile).join('')}</div>`;
  }
}

for (const btn of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('.seg button'))) {
  btn.addEventListener('click', () => {
    level = btn.dataset.level || '';
    for (const b of document.querySelectorAll('.seg button')) b.setAttribute('aria-pressed', String(b === btn));
    if (!root.hasAttribute('aria-busy')) render();
  });
}

async function main() {
  try {
    modules = await api('/api/modules');
    if (!Array.isArray(modules)) modules = [];
    const count = document.getElementById('module-count');
    if (count) count.textContent = `${modules.length} hands-on`;
    root.removeAttribute('aria-busy');
    render();
  } catch (e) {
    root.removeAttribute('aria-busy');
    root.innerHTML = errorCard(/** @type {any} */ (e));
  }
}

main();
