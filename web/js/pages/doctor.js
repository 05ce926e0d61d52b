//! Doctor: the environment checks (`GET /api/doctor`) with a verdict banner. The doctor probes
//! the network, so it gets a longer timeout than other calls.

import { api } from '../api.js';
import { config } from '../config.js';
import { announce, emptyCard, esc, healthIcon, icon, errorCard } from '../ui.js';

/** @typedef {import('../types.js').DoctorResponse} DoctorResponse */

const root = /** @type {HTMLElement} */ (document.getElementById('doctor-root'));
const rerun = /** @type {HTMLButtonElement} */ (document.getElementById('btn-rerun'));
const VERDICT = {
  healthy: { cls: 'ok', glyph: icon('seal'), title: 'All checks passed', sub: 'Your environment is ready.', say: 'all checks passed' },
  warning: { cls: 'stalled', glyph: icon('alert'), title: 'Some warnings found', sub: 'Review the items below.', say: 'some warnings found' },
  error: { cls: 'err', glyph: icon('alert'), title: 'Issues detected', sub: 'Fix the failing checks before running modules.', say: 'issues detected' },
};

function render(/** @type {DoctorResponse} */ d) {
  const v = VERDICT[/** @type {keyof typeof VERDICT} */ (d.overall)] || VERDICT.error;
  const checks = Array.isArray(d.checks) ? d.checks : [];
  root.innerHTML = `<div class="banner banner--${v.cls}" role="status"><span class="banner__icon" aria-hidden="true">${v.glyph}</span>
      <div><p class="banner__title">${v.title}</p><p class="banner__sub">${v.sub}</p></div></div>
    ${checks.length ? `<section class="card"><p class="eyebrow">Environment checks</p><div class="checks">${checks.map((c) => `<div class="check">${healthIcon(c.status)}<div><div class="check__name">${esc(c.name)}</div><div class="check__msg">${esc(c.message)}</div></div></div>`).join('')}</div></section>`
      : emptyCard('doctor', 'No checks reported', 'The doctor returned no checks to display.')}`;
  announce(`Doctor checks complete — ${v.say}.`);
}

async function run() {
  rerun.disabled = true;
  root.setAttribute('aria-busy', 'true');
  try {
    render(await api('/api/doctor', { timeoutMs: config.fetchTimeoutMs * 4 }));
  } catch (e) {
    root.innerHTML = errorCard(/** @type {any} */ (e), "Can't run the doctor");
    announce('Doctor checks could not be run.');
  } finally {
    root.removeAttribute('aria-busy');
    rerun.disabled = false;
  }
}

rerun.addEventListener('click', run);
run();
