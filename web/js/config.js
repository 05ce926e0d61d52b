//! Runtime knobs of the dashboard, read once from the `#xrpl-lab-config` JSON block the server
//! writes into every page. Defaults are the product's timings; tests shrink them through the
//! server's `UiConfig` instead of patching scripts.

/**
 * @typedef {Object} UiConfig
 * @property {number} fetchTimeoutMs     abort an API call after this long
 * @property {number} pollMs             facilitator runs board refresh interval
 * @property {number} wsWatchdogMs       declare a live run stalled after this much silence
 * @property {number} wsWatchdogCheckMs  how often the watchdog looks
 * @property {number} wsReconnectBaseMs  first reconnect delay (doubles each attempt)
 * @property {number} wsMaxReconnect     reconnect attempts per outage
 * @property {number} wsMaxLifetimeReconnects reconnects allowed over a page's life
 * @property {number} autoStartDelayMs   delay before a `?dry_run=` link starts its run
 */

/** @type {UiConfig} */
export const DEFAULTS = Object.freeze({
  fetchTimeoutMs: 10000,
  pollMs: 5000,
  wsWatchdogMs: 45000,
  wsWatchdogCheckMs: 5000,
  wsReconnectBaseMs: 500,
  wsMaxReconnect: 5,
  wsMaxLifetimeReconnects: 20,
  autoStartDelayMs: 300,
});

function read() {
  const el = document.getElementById('xrpl-lab-config');
  if (!el) return { ...DEFAULTS };
  try {
    const parsed = JSON.parse(el.textContent || '{}');
    /** @type {Record<string, number>} */
    const out = { ...DEFAULTS };
    for (const key of Object.keys(DEFAULTS)) {
      const v = parsed[key];
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[key] = v;
    }
    return /** @type {UiConfig} */ (out);
  } catch {
    return { ...DEFAULTS };
  }
}

/** The configuration of this page. */
export const config = read();
