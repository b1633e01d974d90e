// The status view (step 8) against the emulator in host mode, with the production build: every
// connection and mapping action, the 409 paths the server enforces when the UI's copy is stale,
// diagnostics, the API version change, the polling budget, and the optional background badge.
// Time moves with /_emulator/advance; waits are for conditions, never fixed delays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { startEmulator, launchExtension, openPage, cspViolations, artifacts } from './harness.mjs';

const CID = 'c0000000-0000-4000-8000-000000000001';
const EXAMPLE = readFileSync(new URL('../tests/fixtures/monitor/example-config.json', import.meta.url), 'utf8');
const T = { timeout: 20000 };

let emu;
let ext;
let page;

/** The row of one mapping in the status table. */
const row = (object) => page.locator(`tr[data-object="${object}"]`);

/** Clicks Refresh and waits until the read it started has been answered. */
async function refresh() {
  const read = page.waitForResponse((r) => r.url().includes(`/api/v3/connections/${CID}`) && r.request().method() === 'GET');
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await read;
}

/** Connection-level GETs the emulator logged since `since`. */
async function polls(since) {
  return (await emu.requests(since)).filter((r) => r.method === 'GET' && r.path === `/api/v3/connections/${CID}`);
}

/** The connection as the API reports it (one-origin mode, straight to the emulator). */
async function detail() {
  const r = await fetch(`${emu.httpUrl}/api/v3/connections/${CID}?deep=true`, { headers: { Authorization: 'Bearer demo-token' } });
  assert.equal(r.status, 200);
  return r.json();
}
const mapping = async (object) => (await detail()).mappings.find((m) => m.object_name === object);

const lastSeq = async () => (await emu.requests()).reduce((m, r) => Math.max(m, r.seq), 0);

before(async () => {
  emu = await startEmulator();
  ext = await launchExtension({ httpsPort: emu.httpsPort });
  // The setup as a user does it, from the acme-sync dashboard tab, with a remembered token.
  const dash = await ext.context.newPage();
  await dash.goto('https://dashboard.heroku.com/apps/acme-sync');
  const popup = await openPage(ext, 'popup.html');
  await popup.getByLabel('Heroku API token').fill('demo-token');
  await popup.getByLabel('Remember on this device').check();
  await popup.getByRole('button', { name: 'Check token and continue' }).click();
  await popup.getByRole('button', { name: 'Link me to Heroku Connect' }).click(T);
  await popup.locator('#db-key option[value="DATABASE_URL"]').waitFor({ state: 'attached', ...T });
  await popup.getByRole('button', { name: 'Save database settings' }).click();
  const sfTab = ext.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Authorize Salesforce' }).click(T);
  const sf = await sfTab;
  await sf.getByRole('button', { name: /Allow/ }).click(T);
  await sf.waitForURL(/app\.html/, T);
  await sf.getByRole('heading', { name: 'Import mappings' }).waitFor(T);
  // The §5.6 example goes in by direct HTTP (one-origin mode), then the clock settles it.
  const res = await fetch(`${emu.httpUrl}/api/v3/connections/${CID}/actions/import`, {
    method: 'POST',
    headers: { Authorization: 'Bearer demo-token', 'Content-Type': 'application/json' },
    body: EXAMPLE,
  });
  assert.equal(res.status, 202);
  await emu.advance(10);
  // Only the status view stays open: the popup and the dashboard would poll on their own.
  await popup.close();
  await dash.close();
  page = sf;
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.getByRole('button', { name: 'Go to the status' }).click();
  await page.getByRole('heading', { name: 'Sync status' }).waitFor(T);
  await refresh();
  await row('Contact').getByText('OK: in sync').waitFor(T);
});

after(async () => {
  await ext?.close();
  await emu?.stop();
});

test('the status view shows state, org, database and mappings as text', async () => {
  await page.getByTestId('connection-state-label').filter({ hasText: 'healthy and at rest' }).waitFor(T);
  const announce = page.getByTestId('monitor-announce');
  assert.equal(await announce.getAttribute('aria-live'), 'polite');
  assert.match(await announce.textContent(), /IDLE/);
  assert.match(await page.locator('.connection-card').textContent(), /admin@acme-demo\.example/);
  assert.match(await page.locator('.connection-card').textContent(), /DATABASE_URL → salesforce/);
  for (const object of ['Case', 'Contact']) {
    const text = await row(object).textContent();
    assert.match(text, /DATA_SYNCED/);
    assert.match(text, /OK: in sync/);
  }
  assert.match(await row('Contact').textContent(), /40/, 'Salesforce record count');
  await page.getByRole('button', { name: 'Switch app' }).waitFor();
  await page.getByTestId('budget-remaining').filter({ hasText: /of 5000 Connect requests left today/ }).waitFor(T);
  await page.screenshot({ path: path.join(artifacts, 'monitor.png'), fullPage: true });
});

test('a steady status view does not poll within a 10 s window', async () => {
  // A refresh re-arms the timer at the slow interval, so the next 10 s must stay silent.
  await refresh();
  // Let any read already in flight land first, so the window starts clean.
  await page.waitForLoadState('networkidle');
  const since = await lastSeq();
  await assert.rejects(
    page.waitForRequest((r) => r.url().includes(`/api/v3/connections/${CID}`), { timeout: 10000 }),
    /Timeout/,
  );
  assert.deepEqual(await polls(since), []);
});

test('pause is refused by the server when the connection left IDLE, then works from IDLE', async () => {
  await emu.control('POST', 'set-state', { connection_id: CID, state: 'BUSY' });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('alert').filter({ hasText: /409/ }).waitFor(T);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await refresh();
  assert.equal(await page.getByRole('button', { name: 'Pause' }).isDisabled(), true);
  await page.getByText('Only an idle connection can be paused.').waitFor();

  await emu.control('POST', 'set-state', { connection_id: CID, state: 'IDLE' });
  await refresh();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByTestId('connection-state-label').filter({ hasText: /^paused$/ }).waitFor(T);
  assert.equal(await page.getByRole('button', { name: 'Resume' }).isEnabled(), true);
  await page.getByText('The connection is paused: resume it instead.').waitFor();
});

test('the API version changes while paused, and the server refuses it otherwise', async () => {
  await page.getByText('Diagnostics, notifications and API version').click();
  await page.getByLabel('Target version').fill('64');
  await page.getByRole('button', { name: 'Preview the change' }).click();
  await page.getByText('From 62.0 to 64.0').waitFor(T);
  assert.match(await page.locator('.api-version .diff-list').textContent(), /Contact: no changes/);

  await page.getByLabel('Target version').fill('63.0');
  await page.getByRole('button', { name: 'Preview the change' }).click();
  await page.getByText('From 62.0 to 63.0').waitFor(T);
  await page.getByRole('button', { name: 'Change the API version' }).click();
  await page.getByTestId('api-version-done').filter({ hasText: 'The API version is now 63.0.' }).waitFor(T);
  assert.equal((await detail()).sf_info.api_version, '63.0');

  // The UI still believes PAUSED; the server does not.
  await page.getByLabel('Target version').fill('62.0');
  await page.getByRole('button', { name: 'Preview the change' }).click();
  await page.getByText('From 63.0 to 62.0').waitFor(T);
  await emu.control('POST', 'set-state', { connection_id: CID, state: 'IDLE' });
  await page.getByRole('button', { name: 'Change the API version' }).click();
  await page.getByTestId('api-version-error').filter({ hasText: /409/ }).waitFor(T);

  await emu.control('POST', 'set-state', { connection_id: CID, state: 'PAUSED' });
  await refresh();
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.getByTestId('connection-state-label').filter({ hasText: 'healthy and at rest' }).waitFor(T);
});

test('a mapping in an error state shows in the view and on the background badge; restart recovers it', async () => {
  const contact = await mapping('Contact');
  await emu.control('POST', 'set-state', { mapping_id: contact.id, state: 'SYSTEM_ERROR' });
  await refresh();
  await row('Contact').getByText('system error').waitFor(T);
  assert.match(await row('Contact').textContent(), /SYSTEM_ERROR/);
  assert.match(await row('Contact').textContent(), /needs attention/);

  // Switch the badge on as a user does; the alarms permission is asked for by that click.
  const options = await openPage(ext, 'options.html', { width: 900, height: 800 });
  await options.getByLabel(/Check my connections every 15 minutes/).check();
  await options.getByText('Saved.').waitFor(T);
  assert.equal(await options.evaluate(() => chrome.permissions.contains({ permissions: ['alarms'] })), true);
  const watched = await options.evaluate(() => chrome.storage.local.get('monitor_watched'));
  assert.match(watched.monitor_watched, new RegExp(CID));
  await options.close();

  const [worker] = ext.context.serviceWorkers();
  const found = await worker.evaluate(() => globalThis.checkConnections());
  assert.deepEqual(found, { checked: 1, attention: 1, skipped: null });
  assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), '!');
  const alarm = await worker.evaluate(() => chrome.alarms.get('monitor-check'));
  assert.equal(alarm?.periodInMinutes, 15);

  await page.getByRole('button', { name: 'Restart' }).click();
  await emu.advance(5);
  await row('Contact').getByText('OK: in sync').waitFor(T);
  assert.deepEqual(await worker.evaluate(() => globalThis.checkConnections()), { checked: 1, attention: 0, skipped: null });
  assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), '');
});

test('mapping details, reload, edit, create and delete', async () => {
  await row('Case').getByRole('button', { name: 'Details Case' }).click();
  await page.getByRole('heading', { name: 'Mapping Case' }).waitFor();
  await page.getByText('Configuration').click();
  assert.match(await page.getByTestId('mapping-config').textContent(), /"CaseNumber"/);
  await page.getByRole('button', { name: 'Close' }).click();

  await row('Case').getByRole('button', { name: 'Reload Case' }).click();
  await page.getByText('Reload of Case started.').waitFor(T);
  await refresh();
  await row('Case').getByText('reloading').waitFor(T);
  await emu.advance(5);
  await refresh();
  await row('Case').getByText('OK: in sync').waitFor(T);

  await row('Contact').getByRole('button', { name: 'Edit Contact' }).click();
  await page.getByRole('checkbox', { name: 'Phone' }).waitFor(T);
  assert.equal(await page.getByRole('checkbox', { name: /^Id/ }).isDisabled(), true);
  await page.getByRole('checkbox', { name: 'Phone' }).check();
  await page.getByRole('checkbox', { name: 'Email' }).uncheck();
  await page.getByLabel(/Polling interval/).fill('900');
  await page.getByRole('button', { name: 'Save the mapping' }).click();
  await page.getByRole('button', { name: 'Save the mapping' }).waitFor({ state: 'detached', ...T });
  const contact = await mapping('Contact');
  assert.equal(contact.config.sf_polling_seconds, 900);
  assert.ok('Phone' in contact.config.fields);
  assert.ok(!('Email' in contact.config.fields));

  // Client-side validation blocks a polling interval below the plan minimum before any request.
  await page.getByRole('button', { name: 'New mapping' }).click();
  await page.getByLabel('Salesforce object').fill('lead');
  await page.getByRole('button', { name: 'Load its fields' }).click();
  await page.getByRole('checkbox', { name: 'Company' }).waitFor(T);
  for (const f of ['Id', 'SystemModstamp', 'IsDeleted']) {
    assert.equal(await page.getByRole('checkbox', { name: new RegExp(`^${f}`) }).isChecked(), true, f);
  }
  await page.getByLabel(/Polling interval/).fill('60');
  const since = await lastSeq();
  await page.getByRole('button', { name: 'Create the mapping' }).click();
  await page.getByRole('alert').filter({ hasText: /below the demo plan's minimum/ }).waitFor(T);
  assert.deepEqual((await emu.requests(since)).filter((r) => r.method === 'POST'), []);
  await page.getByLabel(/Polling interval/).fill('600');
  await page.getByRole('checkbox', { name: 'Company' }).check();
  await page.getByRole('button', { name: 'Create the mapping' }).click();
  await row('Lead').waitFor(T);
  const lead = await mapping('Lead');
  assert.ok('Company' in lead.config.fields);

  await row('Lead').getByRole('button', { name: 'Delete Lead' }).click();
  const confirm = page.getByRole('button', { name: 'Delete the Lead mapping' });
  assert.equal(await confirm.isDisabled(), true);
  await page.getByLabel('Type Lead to confirm').fill('Lea');
  assert.equal(await confirm.isDisabled(), true);
  await page.getByLabel('Type Lead to confirm').fill('Lead');
  await confirm.click();
  await row('Lead').waitFor({ state: 'detached', ...T });
  assert.equal(await mapping('Lead'), undefined);
});

test('write errors, notifications with acknowledge, and diagnose', async () => {
  await emu.control('POST', 'events', {
    connection_id: CID, kind: 'write_error', object_name: 'Contact', record_id: '7', message: 'REQUIRED_FIELD_MISSING',
  });
  await emu.control('POST', 'events', {
    connection_id: CID, kind: 'notification', event_type: 'mapping-error', message: 'Contact needs attention',
  });
  const diag = page.locator('details.diagnostics');
  await diag.getByRole('button', { name: 'Write errors (last 24 hours)' }).click();
  await diag.getByText('REQUIRED_FIELD_MISSING').waitFor(T);

  await row('Contact').getByRole('button', { name: 'Details Contact' }).click();
  await page.getByRole('button', { name: 'Write errors of Contact' }).click();
  await page.locator('.mapping-details').getByText('REQUIRED_FIELD_MISSING').waitFor(T);
  await page.getByRole('button', { name: 'Diagnose this mapping' }).click();
  await page.locator('.mapping-details .diag-report').waitFor(T);
  await page.getByRole('button', { name: 'Close' }).click();

  await diag.getByRole('button', { name: 'Show notifications' }).click();
  await diag.getByText('Contact needs attention').waitFor(T);
  await diag.getByRole('button', { name: 'Acknowledge these notifications' }).click();
  await diag.getByText('No unacknowledged notifications.').waitFor(T);

  await diag.getByRole('button', { name: 'Run diagnostics' }).click();
  await page.getByTestId('diag-summary').waitFor(T);
  assert.match(await page.getByTestId('diag-summary').textContent(), /Passed: [1-9]/);
  const link = diag.locator('.diag-report a').first();
  assert.match(await link.getAttribute('href'), /^https:\/\/devcenter\.heroku\.com\/articles\/heroku-connect-diagnose#/);
  await page.screenshot({ path: path.join(artifacts, 'monitor-diagnostics.png'), fullPage: true });
});

test('no CSP violation and no unexpected console error on extension pages', async () => {
  assert.deepEqual(await cspViolations(page), []);
  // The 409s this spec provokes on purpose are logged by the browser as failed loads.
  const unexpected = ext.problems.filter((p) => !/status of 409/.test(p));
  assert.deepEqual(unexpected, []);
});
