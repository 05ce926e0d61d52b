//! The frame around every page: the mobile navigation drawer (with aria-expanded, Esc to close
//! and focus moved in and back) and the sidebar's connection pill, filled from one
//! `GET /api/status`.

import { api } from './api.js';

function wireNav() {
  const app = document.getElementById('app');
  const toggle = document.getElementById('navToggle');
  const scrim = document.getElementById('scrim');
  const sidebar = document.getElementById('sidebar');
  if (!app || !toggle || !scrim || !sidebar) return;
  const setOpen = (/** @type {boolean} */ open) => {
    app.dataset.navOpen = String(open);
    toggle.setAttribute('aria-expanded', String(open));
    if (open) /** @type {HTMLElement|null} */ (sidebar.querySelector('a'))?.focus();
    else toggle.focus();
  };
  toggle.addEventListener('click', () => setOpen(app.dataset.navOpen !== 'true'));
  scrim.addEventListener('click', () => setOpen(false));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && app.dataset.navOpen === 'true') setOpen(false);
  });
}

async function fillNetPill() {
  const pill = document.getElementById('netpill');
  const text = document.getElementById('netpill-text');
  const version = document.getElementById('app-version');
  if (!pill || !text) return;
  try {
    /** @type {import('./types.js').StatusResponse} */
    const status = await api('/api/status');
    pill.dataset.state = 'ok';
    text.innerHTML = '';
    text.append('Connected · ');
    const net = document.createElement('span');
    net.className = 'mono';
    net.textContent = String(status.network ?? 'unknown');
    text.append(net);
    if (version && status.version) version.textContent = `v${status.version}`;
  } catch (e) {
    pill.dataset.state = 'err';
    const err = /** @type {{kind?: string, status?: number}} */ (e);
    text.textContent = err.kind === 'http' ? `API error (HTTP ${err.status})` : 'API offline — run xrpl-lab serve';
  }
}

wireNav();
fillNetPill();
