// Connect Pilot service worker (Firefox runs the same file as an event page).
// On first install it opens the full-tab page, where the guided setup has room to explain the token.
//
// Optional error badge (off by default, switched on in the options page, which also asks for the
// "alarms" permission): every 15 minutes it reads each watched connection and shows a red badge
// when the connection or one of its mappings is in the error group (contract §6.1, §6.2). It works
// only with a token the user chose to remember (storage.local "heroku_token"), and sends that token
// only to https *.heroku.com hosts or to the exact emulator origin enabled in the settings. It never
// logs the token or a response body.
const api = globalThis.browser ?? globalThis.chrome;

const ALARM = 'monitor-check';
const PERIOD_MINUTES = 15;
const ERROR_STATES = new Set([
  // Connection error group.
  'SYSTEM_ERROR', 'DB_UNAVAILABLE', 'TOO_MANY_ROWS', 'UNAUTHORIZED', 'HEROKU_UNAUTH', 'INACTIVE_ORG',
  // Mapping error group.
  'BULK_LOAD_ERROR', 'BAD_CONFIG', 'SYNC_REMOVED',
]);

api.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') {
    api.tabs.create({ url: api.runtime.getURL('www/app.html#/welcome') });
  }
});

/** Whether the token may go to `url`: https Heroku hosts on the default port, or the emulator origin. */
function admits(url, emulatorOrigin) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (emulatorOrigin && u.origin === emulatorOrigin) return true;
  const host = u.hostname.toLowerCase();
  const heroku = host === 'heroku.com' || host.endsWith('.heroku.com');
  return heroku && u.protocol === 'https:' && (u.port === '' || u.port === '443');
}

/** Whether a deep connection detail shows an error-group state. */
function needsAttention(conn) {
  if (ERROR_STATES.has(conn?.state)) return true;
  return (conn?.mappings ?? []).some((m) => ERROR_STATES.has(m?.state));
}

/**
 * Checks every watched connection once and sets the badge. Returns what it found, so a test can
 * call it directly instead of waiting for the alarm: {checked, attention, skipped}.
 */
async function checkConnections() {
  const store = await api.storage.local.get(['monitor_badge', 'heroku_token', 'monitor_watched', 'settings']);
  const parse = (v) => (typeof v === 'string' ? JSON.parse(v) : v);
  const enabled = parse(store.monitor_badge ?? false) === true;
  const token = store.heroku_token;
  if (!enabled || !token) {
    await api.action.setBadgeText({ text: '' });
    return { checked: 0, attention: 0, skipped: enabled ? 'no_token' : 'disabled' };
  }
  const watched = parse(store.monitor_watched ?? '[]') ?? [];
  const settings = parse(store.settings ?? 'null');
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
  const { monitor_badge: raw } = await api.storage.local.get('monitor_badge');
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
  if (area === 'local' && 'monitor_badge' in changes) syncAlarm();
});
syncAlarm();
