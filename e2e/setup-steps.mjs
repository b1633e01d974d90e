// Shared steps of the guided-setup acceptance specs: one emulator and one Chromium per test, the
// person-like actions of each step (through accessible names taken from messages.json), the
// "close the popup and open it again" check, and the security checks every test ends with.
// Nothing here sleeps: each wait is for a locator, a page, or an emulator state.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, launchExtension, openPage, cspViolations } from './harness.mjs';

const messages = JSON.parse(
  readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../extension/_locales/en/messages.json'), 'utf8'),
);

/** The English text of a message key, with `$P1$`, `$P2$` … replaced by `args` (as chrome.i18n does). */
export function msg(key, ...args) {
  const entry = messages[key];
  assert.ok(entry, `no message ${key}`);
  return entry.message.replace(/\$P(\d)\$/g, (_, n) => args[Number(n) - 1] ?? '');
}

/** A Heroku host: the only place the token may go. */
const herokuHost = (host) => host === 'heroku.com' || host.endsWith('.heroku.com');

/**
 * Starts an emulator and Chromium with the production extension, and records every browser request
 * that carries an `Authorization` header, so `finish` can check where the token went.
 */
export async function boot() {
  const emu = await startEmulator();
  const ext = await launchExtension({ httpsPort: emu.httpsPort });
  const authorized = [];
  const pending = [];
  ext.context.on('request', (req) => {
    pending.push(
      req.allHeaders().then(
        (h) => h.authorization !== undefined && authorized.push(req.url()),
        () => {},
      ),
    );
  });
  const tabs = [];
  ext.context.on('page', (tab) => tabs.push(tab));
  return { emu, ext, authorized, pending, tabs };
}

/**
 * The checks every test ends with (brief item 5): the token went only to https://*.heroku.com, as
 * seen by the emulator and by the browser; no extension page logged an error or broke the CSP.
 * Returns the emulator's request log for further assertions.
 */
export async function finish(s) {
  const log = await s.emu.requests();
  const leaks = log.filter((r) => r.auth_present && !herokuHost(r.host));
  assert.deepEqual(leaks, [], 'a request with the token went outside *.heroku.com');
  for (const r of log.filter((r) => r.service === 'salesforce')) {
    assert.equal(r.auth_present, false, `Salesforce request ${r.path} carried the token`);
  }
  await Promise.all(s.pending);
  assert.ok(s.authorized.length > 0, 'the browser saw no request with a token: the check would be void');
  const outside = s.authorized.filter((u) => {
    const url = new URL(u);
    return url.protocol !== 'https:' || !herokuHost(url.hostname);
  });
  assert.deepEqual(outside, [], 'a browser request with Authorization went outside https://*.heroku.com');
  for (const tab of s.tabs.filter((t) => !t.isClosed() && t.url().startsWith('chrome-extension://'))) {
    assert.deepEqual(await cspViolations(tab), [], `CSP violations on ${tab.url()}`);
  }
  // Chromium itself logs "Failed to load resource" for every non-2xx answer or dropped connection a
  // page fetches. Where a test injected faults, exactly those lines are expected, one per fault met
  // (a drop that Chromium resent once shows once); anything else is a real problem.
  const network = /: Failed to load resource: (?:the server responded with a status of (\d+)|net::(ERR_EMPTY_RESPONSE))/;
  const seen = s.ext.problems.filter((p) => network.test(p)).map((p) => p.match(network).slice(1).find(Boolean));
  const faulted = log.filter((r) => r.fault && r.status !== 200).map((r) => (r.status === null ? 'ERR_EMPTY_RESPONSE' : String(r.status)));
  const expected = faulted.filter((v, i) => !(v === 'ERR_EMPTY_RESPONSE' && faulted[i - 1] === v));
  assert.deepEqual(seen, expected, 'network errors logged on extension pages differ from the injected faults');
  assert.deepEqual(s.ext.problems.filter((p) => !network.test(p)), [], 'console errors on extension pages');
  return log;
}

/** Stops the browser and the emulator, whatever state the test left them in. */
export async function shutdown(s) {
  await s?.ext.close();
  await s?.emu.stop();
}

/** Waits until the page shows `step` (a messages.json key such as `step_link`) as its title. */
export async function onStep(tab, step, timeout = 10_000) {
  await tab.getByRole('heading', { level: 1, name: msg(step), exact: true }).waitFor({ timeout });
}

/**
 * How long a reopened popup may take to show its saved step and values: it reads them from
 * storage.session, so this covers loading the page and the wasm on a busy machine, not a round of
 * API calls plus polling.
 */
export const AT_ONCE_MS = 10_000;

/**
 * Closes the popup and opens a fresh one, which must come back on `step` at once, with no click.
 */
export async function reopen(s, tab, step) {
  if (tab.url().startsWith('chrome-extension://')) {
    assert.deepEqual(await cspViolations(tab), [], `CSP violations on ${tab.url()}`);
  }
  await tab.close();
  const popup = await openPage(s.ext, 'popup.html');
  await onStep(popup, step, AT_ONCE_MS);
  return { popup };
}

/** The sequence number of the newest request in the emulator's log (0 when empty). */
export async function lastSeq(emu) {
  const log = await emu.requests();
  return log.length ? log[log.length - 1].seq : 0;
}

/** Pastes the demo token and submits it. */
export async function signIn(tab, token = 'demo-token') {
  await tab.getByLabel(msg('tokenLabel')).fill(token);
  await tab.getByRole('button', { name: msg('tokenContinue') }).click();
}

/** The list item of one add-on on the add-ons step (`addon_postgres` or `addon_connect`). */
export const addonRow = (tab, key) => tab.locator('li.addon').filter({ hasText: msg(key) });

/** Asks for an add-on, confirms it, and waits until its row shows it provisioning. */
export async function addAddon(tab, key) {
  await tab.getByRole('button', { name: msg('addon_add', msg(key)) }).click();
  await tab.getByRole('button', { name: msg('addon_confirm_button') }).click();
  await addonRow(tab, key).getByText(msg('addon_provisioning'), { exact: true }).waitFor();
}

/** The database step's two fields. */
export const dbKey = (tab) => tab.getByLabel(msg('database_key'));
export const schemaName = (tab) => tab.getByLabel(msg('database_schema'));

/** Waits until the database step lists `DATABASE_URL`, then saves it with the schema `salesforce`. */
export async function saveDatabase(tab) {
  await dbKey(tab).locator('option[value="DATABASE_URL"]').waitFor({ state: 'attached' });
  await dbKey(tab).selectOption('DATABASE_URL');
  await schemaName(tab).fill('salesforce');
  await tab.getByRole('button', { name: msg('database_save') }).click();
}

/**
 * Clicks "Authorize Salesforce", allows access on the fake Salesforce tab that opens, and returns
 * that tab once it has landed on the extension's app.html and resumed at the Import step.
 */
export async function authorizeSalesforce(s, tab) {
  const opened = s.ext.context.waitForEvent('page');
  await tab.getByRole('button', { name: msg('sf_authorize') }).click();
  const sf = await opened;
  await sf.waitForURL(/salesforce\.com\/services\/oauth2\/authorize/);
  await sf.getByRole('button', { name: /Allow/ }).click();
  await sf.waitForURL(/^chrome-extension:\/\/[^/]+\/www\/app\.html/);
  // The full-tab page polls the connection every 5 s while it waits for consent.
  await onStep(sf, 'step_import', 20_000);
  return sf;
}

/** The connections of one app in the emulator's state dump. */
export async function connectionsOf(emu, app) {
  const state = await emu.state();
  const appId = state.apps.find((a) => a.name === app)?.id;
  assert.ok(appId, `no app ${app} in the emulator`);
  return state.connections.filter((c) => c.app_id === appId);
}

/** Requests of the log that are not re-reads by a poll timer: what a person's clicks cost. */
export function apiRequests(log) {
  return log.filter((r) => ['discovery', 'regional', 'platform'].includes(r.service));
}
