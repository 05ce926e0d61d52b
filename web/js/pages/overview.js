//! The overview: workbook progress, wallet, network, doctor verdict, tracks, and the last run,
//! from `GET /api/status` and (best effort, after it) `GET /api/doctor`.

import { api } from '../api.js';
import { config } from '../config.js';
import { errorCard, esc, healthIcon, icon, statusBadge } from '../ui.js';

/** @typedef {import('../types.js').StatusResponse} StatusResponse */
/** @typedef {import('../types.js').DoctorResponse} DoctorResponse */

const root = /** @type {HTMLElement} */ (document.getElementById('overview-root'));

function shortAddr(/** @type {string|null} */ a) {
  return a && a.length > 12 ? `${a.slice(0, 5)}…${a.slice(-4)}` : a || '';
}

function stat(/** @type {string} */ label, /** @type {Parameters<typeof icon>[0]} */ ic, /** @type {'ok'|'warn'|'err'} */ dot, /** @type {string} */ valueHtml) {
  return `<div class="stat"><div class="stat__label">${icon(ic)}${esc(label)}</div><div class="stat__value"><span class="statdot statdot--${dot}" aria-hidden="true"></span>${valueHtml}</div></div>`;
}

function render(/** @type {StatusResponse} */ s, /** @type {DoctorResponse|null} */ d) {
  const total = Number(s.modules_total) || 0;
  const done = Number(s.modules_completed) || 0;
  const pct = total ? Math.round((done / total) * 100) : 0;
  const net = String(s.network || 'unknown');
  const nonPass = d ? d.checks.filter((c) => c.status !== 'pass').length : 0;
  const doctorDot = !d ? 'warn' : d.overall === 'healthy' ? 'ok' : d.overall === 'warning' ? 'warn' : 'err';
  const doctorText = !d ? 'unavailable' : nonPass ? `${nonPass} issue${nonPass === 1 ? '' : 's'}` : 'all clear';
  const tracks = (s.track_progress || []).map((t) => {
    const tp = t.total ? Math.round((t.done / t.total) * 100) : 0;
    return `<div><div class="spread small"><span>${esc(t.track)}</span><span class="mono faint">${t.done}/${t.total}</span></div>
      <div class="progress" role="img" aria-label="${esc(t.track)}: ${t.done} of ${t.total} modules"><div class="progress__bar${t.is_complete ? ' progress__bar--done' : ''}" data-pct="${tp}"></div></div></div>`;
  }).join('');
  const checks = d && d.checks.length
    ? `<div class="checks">${d.checks.map((c) => `<div class="check">${healthIcon(c.status)}<div><div class="check__name">${esc(c.name)}</div><div class="check__msg">${esc(c.message)}</div></div></div>`).join('')}</div>`
    : '<p class="muted">Doctor unavailable — is the API running? Try <code class="mono">xrpl-lab doctor</code>.</p>';
  const last = s.last_run;
  root.innerHTML = `
    <div class="grid-2-wide section">
      <div class="card"><p class="eyebrow">Overall progress</p>
        <p class="bignum">${done}<small> / ${total}</small></p>
        <div class="progress" style="margin:12px 0" role="img" aria-label="${done} of ${total} modules complete"><div class="progress__bar" data-pct="${pct}"></div></div>
        <p class="muted small">${done} of ${total} modules complete · ${pct}% of the workbook${s.current_module ? ` · up next: <a class="mono" href="/xrpl-lab/app/modules/${encodeURIComponent(s.current_module)}/">${esc(s.current_module)}</a>` : ''}</p>
        ${(s.blockers || []).map((b) => `<p class="small" style="margin-top:8px">${healthIcon('warn')} ${esc(b)}</p>`).join('')}
      </div>
      <a class="qa" href="/xrpl-lab/app/modules/"><span class="qa__icon">${icon('play')}</span><span><span class="qa__title">Run a module</span><span class="qa__sub">Live on the testnet, or offline in the sandbox</span></span></a>
    </div>
    <div class="grid-stats section">
      ${stat('Wallet', 'wallet', s.wallet_configured ? 'ok' : 'warn', s.wallet_configured ? `<span class="mono" title="${esc(s.wallet_address)}">${esc(shortAddr(s.wallet_address))}</span>` : 'not configured')}
      ${stat('Network', 'net', net && net !== 'unknown' && net !== 'mainnet' ? 'ok' : 'warn', `<span class="mono">${esc(net)}</span>`)}
      ${stat('Doctor', 'doctor', /** @type {'ok'|'warn'|'err'} */ (doctorDot), esc(doctorText))}
      ${stat('Last run', 'clock', last ? 'ok' : 'warn', last ? `<span class="mono">${esc(last.module)}</span> ${statusBadge(last.success ? 'completed' : 'failed')}` : 'No runs yet')}
    </div>
    <div class="grid-2-wide section">
      <div class="card"><p class="eyebrow">Tracks</p>${tracks ? `<div class="grid">${tracks}</div>` : '<p class="muted">No track data yet.</p>'}</div>
      <div class="card"><p class="eyebrow">System health<span class="sr-only"> — doctor</span></p>${checks}</div>
    </div>
    <div class="grid-2 section">
      <a class="qa" href="/xrpl-lab/app/artifacts/"><span class="qa__icon">${icon('seal')}</span><span><span class="qa__title">Artifacts</span><span class="qa__sub">${s.has_proof_pack ? 'Proof pack' : 'No proof pack'} · ${s.has_certificate ? 'certificate' : 'no certificate'} · ${s.report_count} report${s.report_count === 1 ? '' : 's'}</span></span></a>
      <a class="qa" href="/xrpl-lab/app/verify/"><span class="qa__icon">${icon('check')}</span><span><span class="qa__title">Verify a proof</span><span class="qa__sub">Check a pasted proof pack or certificate — offline hash and on-ledger</span></span></a>
    </div>`;
  root.removeAttribute('aria-busy');
  requestAnimationFrame(() => {
    for (const bar of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-pct]'))) bar.style.width = `${bar.dataset.pct}%`;
  });
}

async function main() {
  let status;
  try {
    status = await api('/api/status');
  } catch (e) {
    root.removeAttribute('aria-busy');
    root.innerHTML = errorCard(/** @type {any} */ (e));
    return;
  }
  /** @type {DoctorResponse|null} */
  let doctor = null;
  try { doctor = await api('/api/doctor', { timeoutMs: config.fetchTimeoutMs * 4 }); } catch { doctor = null; }
  render(status, doctor);
}

main();
