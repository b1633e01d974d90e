// Connect Pilot service worker (Firefox runs the same file as an event page).
// On first install it opens the full-tab page, where the guided setup has room to explain the token.
//
// Optional error badge (off by default, switched on in the options page, which also asks for the
// "alarms" permission): every 15 minutes it reads each watched connection and shows a red badge
// when the connection or one of its mappings is in the error group (contract §6.1, §6.2). It works
// only with a token the user chose to remember (in storage.local), and sends that token
// only to https *.heroku.com hosts or to the exact emulator origin enabled in the settings. It never
// logs the token or a response body.
//
// Dashboard drop: the content script of dashboard-drop.js sends a file dropped on a dashboard app page.
// Only a message from this extension's own content script, on a dashboard app page, about that very
// app, with at most CP.maxDropBytes, is kept (in storage.session, which content scripts cannot read)
// and the full-tab import of that app is opened, or focused when it is open already; that page takes
// the file once, validates and diffs it, and imports nothing before the user confirms.
//
// The rules it shares with the app (error-state groups, the token gate's hosts, storage keys, the drop
// size limit) come from constants.js, generated from the Rust (src/shared.rs) and checked against it
// by tests/shared_constants.rs and `cargo xtask build`. Firefox's manifest lists it before this file;
// Chrome's service worker imports it.
if (!globalThis.CP) importScripts('constants.js');
const { CP } = globalThis;
const KEY = CP.storage;
const api = globalThis.browser ?? globalThis.chrome;

const ALARM = 'monitor-check';
const PERIOD_MINUTES = 15;
const CONNECTION_ERRORS = new Set(CP.errorStates.connection);
const MAPPING_ERRORS = new Set(CP.errorStates.mapping);

/**
 * The URL of one of the extension's pages at its fixed origin, for a tab it opens. Not runtime.getURL:
 * with the manifest's use_dynamic_url, Chrome answers that with the per-session dynamic URL, which
 * only web pages may load; a tab opened on it is blocked.
 */
const pageUrl = (path) => new URL(path, `${location.origin}/`).href;

api.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') {
    api.tabs.create({ url: pageUrl('www/app.html#/welcome') });
  }
});

const APP_NAME = /^[a-z][a-z0-9-]{1,29}$/;

/** The app of a dashboard app page URL (`https://dashboard.heroku.com/apps/<app>[/…]`), or null. */
function dashboardApp(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.host !== 'dashboard.heroku.com' || u.username || u.password) return null;
  const [, apps, name] = u.pathname.split('/');
  return apps === 'apps' && APP_NAME.test(name ?? '') && !name.endsWith('-') ? name : null;
}

/** The decoded length of base64 `data`, or -1 when it is not base64. */
function base64Length(data) {
  if (typeof data !== 'string' || data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return -1;
  return (data.length / 4) * 3 - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
}

/** Why a dashboard drop message is refused, or null when it is acceptable. */
function dropRefusal(message, sender) {
  if (sender?.id !== api.runtime.id) return 'not from this extension';
  const app = dashboardApp(sender.tab?.url ?? sender.url ?? '');
  if (!app || (sender.url && dashboardApp(sender.url) !== app)) return 'not from a dashboard app page';
  if (message.app !== app) return 'not about the app of the page';
  if (typeof message.name !== 'string' || message.name.length === 0 || message.name.length > 255) return 'no file name';
  const size = base64Length(message.data);
  if (size < 0) return 'not a file';
  if (size > CP.maxDropBytes) return 'too large';
  return null;
}

/** An open tab of this extension whose page's URL starts with `prefix`, or null. */
async function openExtensionTab(prefix) {
  // runtime.getContexts lists the extension's own pages with their tabs, without the tabs permission.
  if (!api.runtime.getContexts) return null;
  const contexts = await api.runtime.getContexts({ contextTypes: ['TAB'] });
  return contexts.find((c) => c.tabId >= 0 && c.documentUrl?.startsWith(prefix)) ?? null;
}

/** Keeps a dropped file and opens (or focuses) the full-tab import of its app. */
async function receiveDrop(message, sender) {
  const refusal = dropRefusal(message, sender);
  if (refusal) return { ok: false, error: refusal };
  const { app, name, data } = message;
  await api.storage.session.set({ [KEY.pendingDrop]: JSON.stringify({ app, name, data }) });
  const url = pageUrl(`www/app.html#/import?app=${encodeURIComponent(app)}&from=dashboard`);
  const open = await openExtensionTab(url);
  if (open) {
    // The open page takes the new file from storage.session as it changes; it only needs the focus.
    await api.tabs.update(open.tabId, { active: true });
    if (open.windowId >= 0) await api.windows?.update(open.windowId, { focused: true });
  } else {
    // Next to the dashboard tab it came from.
    const beside = sender.tab ? { openerTabId: sender.tab.id, index: sender.tab.index + 1 } : {};
    await api.tabs.create({ url, ...beside });
  }
  return { ok: true };
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.type !== 'dashboard-drop') return false;
  receiveDrop(message, sender).then(sendResponse, (e) => sendResponse({ ok: false, error: String(e?.message ?? e) }));
  // The answer comes asynchronously.
  return true;
});

/** Whether `host` is `domain` or one of its subdomains. */
const within = (host, domain) => host === domain || host.endsWith(`.${domain}`);

/**
 * Whether the token may go to `url`, by the rules of api::gate::TokenGate: https hosts of the token's
 * domain on the default port, or the emulator origin; never a Salesforce host, whatever the settings.
 */
function admits(url, emulatorOrigin) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  const host = u.hostname.toLowerCase();
  const gate = CP.token;
  if (gate.refusedDomains.some((d) => within(host.replace(/\.+$/, ''), d))) return false;
  if (emulatorOrigin && u.origin === emulatorOrigin) return true;
  return within(host, gate.domain) && u.protocol === gate.protocol && (u.port === '' || u.port === String(gate.port));
}

/** Whether a deep connection detail shows an error-group state (flow::monitor::needs_attention). */
function needsAttention(conn) {
  if (CONNECTION_ERRORS.has(conn?.state)) return true;
  return (conn?.mappings ?? []).some((m) => MAPPING_ERRORS.has(m?.state));
}

/**
 * Checks every watched connection once and sets the badge. Returns what it found, so a test can
 * call it directly instead of waiting for the alarm: {checked, attention, skipped}.
 */
async function checkConnections() {
  const store = await api.storage.local.get([KEY.badge, KEY.token, KEY.watched, KEY.settings]);
  const parse = (v) => (typeof v === 'string' ? JSON.parse(v) : v);
  const enabled = parse(store[KEY.badge] ?? false) === true;
  const token = store[KEY.token];
  if (!enabled || !token) {
    await api.action.setBadgeText({ text: '' });
    return { checked: 0, attention: 0, skipped: enabled ? 'no_token' : 'disabled' };
  }
  const watched = parse(store[KEY.watched] ?? '[]') ?? [];
  const settings = parse(store[KEY.settings] ?? 'null');
  let emulatorOrigin = null;
  try {
    emulatorOrigin = settings?.emulator_origin ? new URL(settings.emulator_origin).origin : null;
  } catch {
    emulatorOrigin = null;
  }
  let checked = 0;
  let attention = 0;
  for (const w of watched) {
    if (!w?.detail_url || !admits(w.detail_url, emulatorOrigin)) continue;
    try {
      const r = await fetch(w.detail_url, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      });
      if (!r.ok) continue;
      checked += 1;
      if (needsAttention(await r.json())) attention += 1;
    } catch {
      // An unreachable host is not an error state of the connection; the next check tries again.
    }
  }
  await api.action.setBadgeText({ text: attention > 0 ? '!' : '' });
  if (attention > 0) await api.action.setBadgeBackgroundColor({ color: '#c62828' });
  return { checked, attention, skipped: null };
}
globalThis.checkConnections = checkConnections;

/** Arms or clears the alarm to match the option (the alarms API exists only once granted). */
async function syncAlarm() {
  if (!api.alarms) return;
  const { [KEY.badge]: raw } = await api.storage.local.get(KEY.badge);
  const on = (typeof raw === 'string' ? JSON.parse(raw) : raw) === true;
  if (on) {
    await api.alarms.create(ALARM, { periodInMinutes: PERIOD_MINUTES });
  } else {
    await api.alarms.clear(ALARM);
    await api.action.setBadgeText({ text: '' });
  }
}

function listenToAlarms() {
  if (api.alarms && !listenToAlarms.done) {
    listenToAlarms.done = true;
    api.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === ALARM) checkConnections();
    });
  }
}

listenToAlarms();
api.permissions?.onAdded?.addListener(() => {
  listenToAlarms();
  syncAlarm();
});
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && KEY.badge in changes) syncAlarm();
});
syncAlarm();
