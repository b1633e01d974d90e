// The production dist/firefox in Firefox ESR against the emulator, as the Chromium suite runs dist/chrome:
// it installs as a temporary add-on with no manifest warning, its pages render (their loaders and wasm
// run under the manifest's CSP) with no console error, the guided setup runs from the token to the status view, the error badge switches on
// and shows a connection in error, and the packaged zip installs and works like the folder.
// Text is matched through messages.json (`msg`), so the specs read the UI as a person does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, TOKENS } from '../harness.mjs';
import { msg } from '../messages.mjs';
import {
  launchFirefox, firefoxDir, extensionUrl, byText, byLabel, clickButton, onHeading, until,
} from './harness.mjs';

const CID = 'c0000000-0000-4000-8000-000000000001';
let emu;
let ff;

before(async () => {
  emu = await startEmulator();
  ff = await launchFirefox({ httpsPort: emu.httpsPort });
});

after(async () => {
  await ff?.close();
  await emu?.stop();
});

/** The page's language and title, for the render checks. */
const rendered = (tab) => tab.evaluate(() => ({
  lang: document.documentElement.lang,
  h1: document.querySelector('h1')?.textContent,
}));

/** Signs in on the token step: types the token, optionally ticks "Remember on this device", continues. */
async function signIn(tab, { remember = false } = {}) {
  await (await byLabel(tab, msg('tokenLabel'))).type('demo-token');
  if (remember) await (await tab.waitForSelector('#remember')).click();
  await clickButton(tab, msg('tokenContinue'));
}

/** The apps the app step's picker offers, in order, and the one it shows selected. */
async function picker(tab) {
  await tab.waitForSelector('#app-picker option[value="acme-blank"]');
  return tab.$eval('#app-picker', (s) => ({ apps: [...s.options].map((o) => o.value), value: s.value }));
}

/** The tab whose URL `matches`, once Firefox has one. */
async function tabAt(matches) {
  const target = await ff.browser.waitForTarget((t) => matches.test(t.url()), { timeout: 20_000 });
  return target.page();
}

test('installs with no manifest warning; popup, full tab and options render without errors', async () => {
  // The install itself fails on any manifest warning (warnings-as-errors); this is the second look.
  assert.deepEqual(ff.output.filter((l) => /Reading manifest/.test(l)), []);
  for (const [page, title] of [
    ['popup.html', 'step_token'], ['app.html', null], ['options.html', 'optionsTitle'],
  ]) {
    const tab = await ff.open(page, { width: 1024, height: 768 });
    // A page shows "Loading" first while it reads its settings; its heading follows.
    if (title) await onHeading(tab, msg(title));
    const seen = await rendered(tab);
    assert.equal(seen.lang, 'en', page);
    if (title) assert.equal(seen.h1, msg(title), page);
    await tab.close();
  }
  assert.deepEqual(ff.problems, []);
});

test('the guided setup runs from the token to the status view', async () => {
  const popup = await ff.open('popup.html');
  await onHeading(popup, msg('step_token'));
  await signIn(popup, { remember: true });
  await onHeading(popup, msg('step_app'));
  // No dashboard tab and no earlier app: the picker starts on the first app, not the last.
  const { apps, value } = await picker(popup);
  assert.ok(apps.length > 1, `several apps to pick from: ${apps}`);
  assert.equal(value, apps[0]);

  await popup.select('#app-picker', 'acme-sync');
  await clickButton(popup, msg('app_use_selected'));
  await onHeading(popup, msg('step_link'));
  await clickButton(popup, msg('link_button'));
  await onHeading(popup, msg('step_database'));
  await popup.waitForSelector('#db-key option[value="DATABASE_URL"]');
  await popup.select('#db-key', 'DATABASE_URL');
  const schema = await byLabel(popup, msg('database_schema'));
  await schema.evaluate((input) => { input.value = ''; });
  await schema.type('salesforce');
  await clickButton(popup, msg('database_save'));
  await onHeading(popup, msg('step_salesforce'));

  // Consent happens on the (emulated) Salesforce page, which sends the browser back to app.html.
  await clickButton(popup, msg('sf_authorize'));
  const sf = await tabAt(/salesforce\.com\/services\/oauth2\/authorize/);
  await (await sf.waitForSelector('button[value="allow"]')).click();
  // The same tab lands on app.html (BiDi keeps the tab's old URL as its target's, so ask the page).
  const app = sf;
  await until(app, (url) => location.href.startsWith(url), extensionUrl('app.html'), { what: 'app.html' });
  await onHeading(app, msg('step_import'));
  await clickButton(app, msg('import_skip'));
  await onHeading(app, msg('step_monitor'));
  await until(app, () => document.querySelector('[data-testid="connection-state-label"]')?.textContent, null, { what: 'the connection state' });
  const state = (await emu.state()).connections.find((c) => c.id === CID)?.state;
  assert.equal(state, 'IDLE');
  // The status view adds the connection to the badge's watch list.
  await until(app, async (cid) => JSON.stringify(await browser.storage.local.get('monitor_watched')).includes(cid), CID,
    { what: 'the connection on the watch list' });
  await popup.close();

  const log = await emu.requests();
  assert.ok(log.some((r) => r.auth_present && r.host.startsWith('hc-central.heroku.com')), 'discovery was used');
  assert.deepEqual(log.filter((r) => r.auth_present && !/(^|\.)heroku\.com(:\d+)?$/.test(r.host)).map((r) => r.host), [],
    'the token went only to Heroku hosts');
  assert.ok(!TOKENS.some((t) => JSON.stringify(log).includes(t)), 'no token in the emulator log');
  assert.ok(ff.proxy.hosts.includes('login.salesforce.com') || ff.proxy.hosts.some((h) => h.endsWith('.salesforce.com')));
  assert.deepEqual(ff.problems, []);
});

test('the error badge switches on in the options page and shows a connection in error', async () => {
  const options = await ff.open('options.html', { width: 900, height: 800 });
  const badge = await options.waitForSelector('#monitor-badge');
  // An API that throws instead of rejecting (as Firefox does on a schema error) is a message beside
  // an unticked switch, not a dead control.
  await options.evaluate(() => {
    globalThis.realContains = chrome.permissions.contains;
    chrome.permissions.contains = () => { throw new Error('thrown at once'); };
  });
  await badge.click();
  await byText(options, '[role="status"]', msg('monitor_badge_failed', 'thrown at once'));
  assert.equal(await badge.evaluate((c) => c.checked), false);
  await options.evaluate(() => { chrome.permissions.contains = globalThis.realContains; });

  await badge.click();
  await byText(options, '[role="status"]', msg('optionsSaved'));
  assert.equal(await options.$eval('#monitor-badge', (c) => c.checked), true);
  // The background page arms its alarm when it sees the option change.
  const alarm = await until(options, () => browser.alarms.get('monitor-check'), null, { what: 'the alarm' });
  assert.equal((await alarm.jsonValue()).periodInMinutes, 15);

  await emu.control('POST', 'set-state', { connection_id: CID, state: 'SYSTEM_ERROR' });
  const found = await options.evaluate(async () => (await browser.runtime.getBackgroundPage()).checkConnections());
  assert.deepEqual(found, { checked: 1, attention: 1, skipped: null });
  assert.equal(await options.evaluate(() => browser.action.getBadgeText({})), '!');
  await options.close();
  assert.deepEqual(ff.problems, []);
});

test('the packaged zip installs and works like the folder', async () => {
  const { version } = JSON.parse(readFileSync(path.join(firefoxDir, 'manifest.json'), 'utf8'));
  const zip = path.join(firefoxDir, '..', `connect-pilot-firefox-${version}.zip`);
  const packaged = await launchFirefox({ httpsPort: emu.httpsPort, addon: zip });
  try {
    const popup = await packaged.open('popup.html');
    await onHeading(popup, msg('step_token'));
    await signIn(popup);
    await onHeading(popup, msg('step_app'));
    assert.ok((await picker(popup)).apps.includes('acme-blank'));
    assert.deepEqual(packaged.problems, []);
  } finally {
    await packaged.close();
  }
});
