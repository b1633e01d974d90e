// Shared steps of the guided-setup acceptance specs: one emulator and one Chromium per test, the
// person-like actions of each step (through accessible names taken from messages.json in the run's
// language), the "close the popup and open it again" check, and the checks every test ends with.
// Nothing here sleeps: each wait is for a locator, a page, or an emulator state.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, launchExtension, openPage, cspViolations, artifacts } from './harness.mjs';
import { audit } from './checks.mjs';
import { msg } from './messages.mjs';

export { msg };

/** Starts an emulator and Chromium with the production extension, which records for `audit`. */
export async function boot() {
  const emu = await startEmulator();
  const ext = await launchExtension({ httpsPort: emu.httpsPort });
  return { emu, ext };
}

/**
 * The checks every test ends with: the suite-wide `audit` (where the token went, as the browser and
 * the emulator saw it; console, DOM, downloads, CSP), and no console error on an extension page
 * other than the failed loads the test's own faults explain. Returns the emulator's request log.
 */
export async function finish(s) {
  const log = await audit(s.ext, { emu: s.emu, tokenUsed: true });
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

/** Opens `app`'s Heroku dashboard in a tab, then the popup over it (before any sign-in). */
export async function overDashboard(s, app) {
  const dashboard = await s.ext.context.newPage();
  await dashboard.goto(`https://dashboard.heroku.com/apps/${app}`);
  const popup = await openPage(s.ext, 'popup.html');
  return { dashboard, popup };
}

/** Pastes the demo token and submits it; with `remember`, ticks "Remember on this device" first. */
export async function signIn(tab, token = 'demo-token', { remember = false } = {}) {
  await tab.getByLabel(msg('tokenLabel')).fill(token);
  if (remember) await tab.getByLabel(msg('tokenRemember')).check();
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
 * `whileWaiting(tab)` runs while `tab` shows the wait for consent, before access is allowed.
 */
export async function authorizeSalesforce(s, tab, { whileWaiting } = {}) {
  const opened = s.ext.context.waitForEvent('page');
  await tab.getByRole('button', { name: msg('sf_authorize') }).click();
  const sf = await opened;
  await sf.waitForURL(/salesforce\.com\/services\/oauth2\/authorize/);
  if (whileWaiting) {
    // The page that asked for consent now waits for it: the consent tab is still open, unanswered.
    await tab.getByText(msg('sf_waiting'), { exact: true }).waitFor();
    await whileWaiting(tab);
  }
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

/** The setup walked in the popup from the acme-sync dashboard tab to the Import step. */
export async function setupToImport(ext) {
  const WAIT = { timeout: 20_000 };
  const dash = await ext.context.newPage();
  await dash.goto('https://dashboard.heroku.com/apps/acme-sync');
  const p = await openPage(ext, 'popup.html');
  await signIn(p);
  await p.getByRole('button', { name: msg('link_button') }).click(WAIT);
  await onStep(p, 'step_database', WAIT.timeout);
  await saveDatabase(p);
  await onStep(p, 'step_salesforce', WAIT.timeout);
  const sf = await authorizeSalesforce({ ext }, p);
  await Promise.all([dash.close(), sf.close(), p.close()]);
}

/** Pastes `text` into the import's "Paste JSON" box and checks it, as the popup allows. */
export async function pasteFile(page, _name, text) {
  await page.getByText(msg('import_paste_label'), { exact: true }).first().click();
  await page.getByLabel(msg('import_paste_label')).fill(String(text));
  await page.getByRole('button', { name: msg('import_paste_check') }).click();
  await page.locator('.file-name', { hasText: msg('import_file', msg('import_paste_name')) }).waitFor({ timeout: 20_000 });
}

/** Drops one file built from `bytes` on the page's drop zone, as a file manager would. */
export async function dropFile(page, name, bytes) {
  const transfer = await page.evaluateHandle(({ name, b64 }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], name, { type: 'application/json' }));
    return dt;
  }, { name, b64: Buffer.from(bytes).toString('base64') });
  const zone = page.getByTestId('drop-zone');
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await zone.dispatchEvent(type, { dataTransfer: transfer });
  }
  await page.locator('.file-name', { hasText: msg('import_file', name) }).waitFor({ timeout: 20_000 });
}

/** Makes the page's `chrome.<api>` (e.g. `tabs.create`) reject with `message` until `restore`. */
export async function refuse(tab, api, message) {
  await tab.evaluate(([api, message]) => {
    const names = api.split('.');
    const name = names.pop();
    const owner = names.reduce((o, k) => o[k], chrome);
    globalThis.refused ??= {};
    globalThis.refused[api] = owner[name];
    owner[name] = () => Promise.reject(new Error(message));
  }, [api, message]);
}

/** Gives the page back the real `chrome.<api>` that `refuse` replaced. */
export async function restore(tab, api) {
  await tab.evaluate((api) => {
    const names = api.split('.');
    const name = names.pop();
    names.reduce((o, k) => o[k], chrome)[name] = globalThis.refused[api];
  }, api);
}

/** Clicks `button` and returns the name and the text of the file the page saves. */
export async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return saved(download);
}

/** Keeps `download` under the run's artifacts and returns its file name and text. */
export async function saved(download) {
  const file = path.join(artifacts, `download-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return { name: download.suggestedFilename(), text: readFileSync(file, 'utf8') };
}
