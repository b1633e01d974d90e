// Acceptance of the guided setup through the production dist/chrome, with the real Heroku and
// Salesforce host names mapped to the emulator over TLS: from a bare app to an IDLE connection with
// the popup closed and reopened after every step, from a dashboard tab, and over the older regional
// flow. Each screen is checked with axe (and, for the main ones, in dark mode and at 360 px), and
// every test ends with the suite-wide checks of `finish`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './harness.mjs';
import { checkScreen } from './checks.mjs';
import {
  msg, boot, finish, shutdown, onStep, reopen, signIn, addonRow, addAddon, dbKey,
  saveDatabase, authorizeSalesforce, connectionsOf, apiRequests, lastSeq, AT_ONCE_MS,
} from './setup-steps.mjs';

test('acme-blank: from no add-ons to an IDLE connection, the popup reopened at every step', async () => {
  const s = await boot();
  try {
    let popup = await openPage(s.ext, 'popup.html');
    await onStep(popup, 'step_token');
    await checkScreen(popup, 'token step', { dark: true, narrow: true });
    await signIn(popup);
    await onStep(popup, 'step_app');
    ({ popup } = await reopen(s, popup, 'step_app'));
    const picker = popup.getByLabel(msg('app_pick'));
    await picker.locator('option[value="acme-blank"]').waitFor({ state: 'attached', timeout: AT_ONCE_MS });
    // No app was detected, so the picker starts on the first app of the list (not the last one).
    const apps = await picker.locator('option').evaluateAll((options) => options.map((o) => o.value));
    assert.ok(apps.length > 1, `several apps to pick from: ${apps}`);
    assert.equal(await picker.inputValue(), apps[0]);
    await popup.getByText(msg('app_create'), { exact: true }).click();
    await checkScreen(popup, 'app step', { dark: true, narrow: true });
    await picker.selectOption('acme-blank');
    await popup.getByRole('button', { name: msg('app_use_selected') }).click();
    await onStep(popup, 'step_addons');
    ({ popup } = await reopen(s, popup, 'step_addons'));
    await popup.getByText(msg('addons_intro', 'acme-blank')).waitFor({ timeout: AT_ONCE_MS });
    await addonRow(popup, 'addon_postgres').getByText(msg('addon_missing')).waitFor({ timeout: AT_ONCE_MS });
    await checkScreen(popup, 'add-ons step', { dark: true, narrow: true });
    await popup.getByRole('button', { name: msg('addon_add', msg('addon_postgres')) }).click();
    await checkScreen(popup, 'add-on confirmation');
    await popup.getByRole('button', { name: msg('cancel') }).click();

    await addAddon(popup, 'addon_postgres');
    ({ popup } = await reopen(s, popup, 'step_addons'));
    await addonRow(popup, 'addon_postgres').getByText(msg('addon_provisioning')).waitFor({ timeout: AT_ONCE_MS });

    await addAddon(popup, 'addon_connect');
    ({ popup } = await reopen(s, popup, 'step_addons'));
    await addonRow(popup, 'addon_connect').getByText(msg('addon_provisioning')).waitFor({ timeout: AT_ONCE_MS });
    await popup.getByRole('progressbar', { name: msg('addon_provisioning') }).first().waitFor();
    await checkScreen(popup, 'add-ons provisioning', { dark: true });

    // Connect is ready after 2 ticks, Postgres after 5: the popup's own add-on poll notices each.
    await s.emu.advance(2);
    await addonRow(popup, 'addon_connect').getByText(msg('addon_provisioned'), { exact: true }).waitFor();
    assert.equal(await addonRow(popup, 'addon_postgres').getByText(msg('addon_provisioning')).count(), 1);
    await s.emu.advance(3);
    await onStep(popup, 'step_link');
    ({ popup } = await reopen(s, popup, 'step_link'));
    await popup.getByText(msg('link_intro', 'demo@example.com', 'acme-blank')).waitFor({ timeout: AT_ONCE_MS });
    await checkScreen(popup, 'link step', { dark: true, narrow: true });

    await popup.getByRole('button', { name: msg('link_button') }).click();
    // One connection: it is chosen by itself and the database step follows.
    await onStep(popup, 'step_database');
    ({ popup } = await reopen(s, popup, 'step_database'));
    await dbKey(popup).locator('option[value="DATABASE_URL"]').waitFor({ state: 'attached', timeout: AT_ONCE_MS });
    await popup.getByText(msg('commands_title'), { exact: true }).click();
    await checkScreen(popup, 'database step, commands shown', { dark: true, narrow: true });

    await saveDatabase(popup);
    await onStep(popup, 'step_salesforce');
    ({ popup } = await reopen(s, popup, 'step_salesforce'));
    assert.equal(await popup.getByRole('radio', { name: msg('sf_production') }).isChecked(), true);
    await popup.getByRole('radio', { name: msg('sf_custom') }).check();
    await popup.getByLabel(msg('sf_domain')).waitFor();
    await checkScreen(popup, 'Salesforce step, custom domain', { dark: true, narrow: true });
    await popup.getByRole('radio', { name: msg('sf_production') }).check();

    const [conn] = await connectionsOf(s.emu, 'acme-blank');
    assert.equal(conn.db_key, 'DATABASE_URL');
    assert.equal(conn.schema_name, 'salesforce');
    assert.equal(conn.state, 'NEED_AUTHENTICATION');

    const tab = await authorizeSalesforce(s, popup, {
      whileWaiting: (waiting) => checkScreen(waiting, 'waiting for Salesforce', { dark: true, narrow: true }),
    });
    assert.equal((await connectionsOf(s.emu, 'acme-blank'))[0].state, 'IDLE');
    await checkScreen(tab, 'import step in the full tab', { dark: true, narrow: true });
    ({ popup } = await reopen(s, tab, 'step_import'));
    await popup.getByText(msg('import_intro')).waitFor({ timeout: AT_ONCE_MS });
    await checkScreen(popup, 'import step in the popup', { dark: true, narrow: true });

    await finish(s);
  } finally {
    await shutdown(s);
  }
});

test('acme-sync: opened over its dashboard tab, the popup skips straight to Link', async () => {
  const s = await boot();
  try {
    const dashboard = await s.ext.context.newPage();
    await dashboard.goto('https://dashboard.heroku.com/apps/acme-sync');
    let popup = await openPage(s.ext, 'popup.html');
    await signIn(popup);
    await onStep(popup, 'step_link');
    // The app step was skipped: Postgres and Connect are already there.
    assert.equal(await popup.locator('.step-count').textContent(), msg('stepOf', '4', '8'));
    ({ popup } = await reopen(s, popup, 'step_link'));
    await popup.getByText(msg('link_intro', 'demo@example.com', 'acme-sync')).waitFor({ timeout: AT_ONCE_MS });

    // A slow discovery answer holds the connection step on screen while it searches.
    await s.emu.control('POST', 'faults', {
      method: 'GET', host: 'hc-central.heroku.com', path: '/connections', delay_ms: 2500, times: 1,
    });
    await popup.getByRole('button', { name: msg('link_button') }).click();
    await onStep(popup, 'step_connection');
    await checkScreen(popup, 'connection step, searching', { dark: true, narrow: true });
    assert.equal(await popup.getByRole('heading', { level: 1, name: msg('step_connection') }).count(), 1,
      'the checks ran on the connection step');
    await onStep(popup, 'step_database');
    ({ popup } = await reopen(s, popup, 'step_database'));
    await dbKey(popup).locator('option[value="DATABASE_URL"]').waitFor({ state: 'attached', timeout: AT_ONCE_MS });
    await saveDatabase(popup);
    await onStep(popup, 'step_salesforce');
    ({ popup } = await reopen(s, popup, 'step_salesforce'));
    assert.equal(await popup.getByRole('radio', { name: msg('sf_production') }).isChecked(), true);

    const tab = await authorizeSalesforce(s, popup);
    assert.equal((await connectionsOf(s.emu, 'acme-sync'))[0].state, 'IDLE');
    ({ popup } = await reopen(s, tab, 'step_import'));

    const log = await finish(s);
    assert.ok(log.some((r) => r.host === 'hc-central.heroku.com'), 'the default flow uses discovery');
    assert.ok(!log.some((r) => r.host === 'connect-us.heroku.com'), 'the default flow does not guess a host');
  } finally {
    await shutdown(s);
  }
});

test('legacy regional flow: chosen on the options page, acme-sync is set up without discovery', async () => {
  const s = await boot();
  try {
    const options = await openPage(s.ext, 'options.html', { width: 1024, height: 768 });
    await options.getByRole('radio', { name: msg('optionsFlowLegacy') }).check();
    await options.getByRole('button', { name: msg('optionsSave') }).click();
    await options.getByText(msg('optionsSaved')).waitFor();
    await checkScreen(options, 'options, saved', { dark: true, narrow: true });
    await options.close();

    const dashboard = await s.ext.context.newPage();
    await dashboard.goto('https://dashboard.heroku.com/apps/acme-sync');
    const popup = await openPage(s.ext, 'popup.html');
    await signIn(popup);
    await onStep(popup, 'step_link');
    await popup.getByRole('button', { name: msg('link_button') }).click();
    await onStep(popup, 'step_database');
    await saveDatabase(popup);
    await onStep(popup, 'step_salesforce');
    await authorizeSalesforce(s, popup);
    assert.equal((await connectionsOf(s.emu, 'acme-sync'))[0].state, 'IDLE');

    const log = await finish(s);
    assert.deepEqual(log.filter((r) => r.host === 'hc-central.heroku.com'), [], 'no discovery request');
    const regional = log.filter((r) => r.service === 'regional');
    assert.ok(regional.length > 0);
    // Flow B for region us: the grant and the deep list go to the legacy Common Runtime host.
    const onUs = (method, p) => regional.some((r) => r.host === 'connect-us.heroku.com' && r.method === method && r.path === p);
    assert.ok(onUs('POST', '/api/v3/users/me/apps/acme-sync/auth'), 'Flow B grant on connect-us');
    assert.ok(onUs('GET', '/api/v3/connections'), 'Flow B list on connect-us');
    // The flows are never mixed for one connection: every later call stays on connect-us too.
    assert.deepEqual([...new Set(regional.map((r) => r.host))], ['connect-us.heroku.com']);
  } finally {
    await shutdown(s);
  }
});

test('request count of a full setup from acme-blank (no reopening)', async () => {
  const s = await boot();
  try {
    const popup = await openPage(s.ext, 'popup.html');
    await signIn(popup);
    await popup.getByLabel(msg('app_pick')).selectOption('acme-blank');
    await popup.getByRole('button', { name: msg('app_use_selected') }).click();
    await onStep(popup, 'step_addons');
    await addAddon(popup, 'addon_postgres');
    // From here until Link, every GET is the add-on poll's doing (it runs while one provisions).
    const pollFrom = await lastSeq(s.emu);
    await addAddon(popup, 'addon_connect');
    await s.emu.advance(5);
    await onStep(popup, 'step_link');
    const pollTo = await lastSeq(s.emu);
    await popup.getByRole('button', { name: msg('link_button') }).click();
    await onStep(popup, 'step_database');
    await saveDatabase(popup);
    await onStep(popup, 'step_salesforce');
    const sfFrom = await lastSeq(s.emu);
    await authorizeSalesforce(s, popup);
    assert.equal((await connectionsOf(s.emu, 'acme-blank'))[0].state, 'IDLE');

    const log = await finish(s);
    const api = apiRequests(log);
    // Polls: the add-on re-reads while provisioning, and the connection re-reads while Salesforce
    // consent is awaited (all but the authorize_url POST in that window).
    const isPoll = (r) =>
      (r.seq > pollFrom && r.seq <= pollTo && r.method === 'GET') ||
      (r.seq > sfFrom && r.method === 'GET' && /^\/api\/v3\/connections\/[^/]+$/.test(r.path));
    const clicks = api.filter((r) => !isPoll(r));
    console.log(`full setup from acme-blank: ${clicks.length} API requests (non-poll), ` +
      `${api.length - clicks.length} polls, ${api.length} in all`);
    console.log(clicks.map((r) => `  ${r.method} ${r.host}${r.path} ${r.status}`).join('\n'));
    assert.ok(clicks.length > 0);
  } finally {
    await shutdown(s);
  }
});
