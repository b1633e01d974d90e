// Acceptance of the guided setup under faults injected into the emulator (contract §8.4): every
// failure ends in an alert that says what to do, nothing already known is lost, 401 and 403 route
// back to the token and link steps, a GET rate-limited with Retry-After recovers by itself, and after
// dismissing the alert the same action goes through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openPage, artifacts } from './harness.mjs';
import { checkScreen } from './checks.mjs';
import {
  msg, boot, finish, shutdown, onStep, signIn, dbKey, schemaName, saveDatabase, authorizeSalesforce,
  connectionsOf, lastSeq, refuse, restore,
} from './setup-steps.mjs';

/** Registers one fault; `respond` is `{status, headers, body | body_text}` or `drop: true`. */
const fault = (emu, spec) => emu.control('POST', 'faults', { times: 1, ...spec });

/** A JSON error answer in the contract's `{id, message}` shape. */
const answer = (status, id, headers = {}) => ({ status, headers, body: { id, message: `Injected ${status}.` } });

/** Hints whose alert has been through axe already: one run per kind of alert is enough. */
const checked = new Set();

/**
 * Waits for the alert, checks it carries the hint `hintKey` (and, the first time, that it passes axe
 * with its details open, in both colour schemes and at 360 px), and returns it.
 */
async function alertWith(tab, hintKey) {
  const alert = tab.getByRole('alert');
  await alert.waitFor({ timeout: 10_000 });
  const text = await alert.textContent();
  assert.ok(text.includes(msg(hintKey)), `alert "${text}" lacks the hint ${hintKey}`);
  assert.ok(!text.includes('demo-token'), 'the token appears in an error');
  if (!checked.has(hintKey)) {
    checked.add(hintKey);
    await alert.getByText(msg('error_details'), { exact: true }).click();
    await checkScreen(tab, `alert: ${hintKey}`, { dark: true, narrow: true });
  }
  await tab.screenshot({ path: path.join(artifacts, `setup-alert-${hintKey}.png`) });
  return alert;
}

/** Dismisses the alert and waits until it is gone. */
async function dismiss(tab) {
  await tab.getByRole('alert').getByRole('button', { name: msg('error_dismiss') }).click();
  await tab.getByRole('alert').waitFor({ state: 'detached' });
}

/** The database step still shows what was chosen: DATABASE_URL and the schema `salesforce`. */
async function databaseKept(tab) {
  await onStep(tab, 'step_database');
  assert.equal(await dbKey(tab).inputValue(), 'DATABASE_URL');
  assert.equal(await schemaName(tab).inputValue(), 'salesforce');
}

test('faults: each ends in a clear alert, nothing known is lost, and the retry goes through', async () => {
  const s = await boot();
  try {
    const dashboard = await s.ext.context.newPage();
    await dashboard.goto('https://dashboard.heroku.com/apps/acme-sync');
    const popup = await openPage(s.ext, 'popup.html');

    // The browser refuses to store the token: the alert says so with the browser's words, the token
    // step stays, and nothing is sent with a token the popup could not keep.
    const beforeRefusal = await lastSeq(s.emu);
    await refuse(popup, 'storage.session.set', 'QUOTA_BYTES quota exceeded');
    await signIn(popup);
    const refused = await alertWith(popup, 'error_browser_save_token');
    assert.ok((await refused.textContent()).includes('QUOTA_BYTES quota exceeded'));
    await onStep(popup, 'step_token');
    assert.deepEqual(await s.emu.requests(beforeRefusal), [], 'nothing was sent');
    await restore(popup, 'storage.session.set');
    await dismiss(popup);

    // Malformed JSON from the Platform API: the token step stays, with a "try later" alert.
    await fault(s.emu, {
      method: 'GET', path: '/account',
      respond: { status: 200, headers: { 'Content-Type': 'application/json' }, body_text: '{"email": "demo@' },
    });
    await signIn(popup);
    await alertWith(popup, 'error_hint_try_later');
    await onStep(popup, 'step_token');
    await dismiss(popup);
    await signIn(popup);
    await onStep(popup, 'step_link');

    // 401 while linking: back to the token screen, the app is kept, and signing in returns to Link.
    await fault(s.emu, { method: 'POST', path: '/auth/*', respond: answer(401, 'unauthorized') });
    await popup.getByRole('button', { name: msg('link_button') }).click();
    await alertWith(popup, 'error_hint_enter_token');
    await onStep(popup, 'step_token');
    await popup.locator('.context').getByText('acme-sync').waitFor();
    assert.equal(await popup.getByText(msg('token_signed_in', 'demo@example.com')).count(), 0,
      'a refused token is not presented as signed in');
    await dismiss(popup);
    await signIn(popup);
    await onStep(popup, 'step_link');
    await popup.getByText(msg('link_intro', 'demo@example.com', 'acme-sync')).waitFor();

    // 429 with Retry-After: 1 on discovery's GET: the client waits and retries by itself.
    const before429 = await lastSeq(s.emu);
    await fault(s.emu, {
      method: 'GET', host: 'hc-central.heroku.com', path: '/connections',
      respond: answer(429, 'rate_limit', { 'Retry-After': '1' }),
    });
    await popup.getByRole('button', { name: msg('link_button') }).click();
    await onStep(popup, 'step_database');
    const lookups = (await s.emu.requests(before429)).filter(
      (r) => r.host === 'hc-central.heroku.com' && r.method === 'GET' && r.path === '/connections',
    );
    assert.deepEqual(lookups.map((r) => r.status), [429, 200], 'the rate-limited GET was retried once');
    assert.ok(lookups[0].fault, 'the first answer was the injected fault');
    assert.equal(await popup.getByRole('alert').count(), 0);

    // PATCH faults on the database step: each alert keeps the step and both values.
    const patch = { method: 'PATCH', path: '/api/v3/connections/*' };
    const cases = [
      [{ respond: answer(409, 'invalid_state') }, 'error_hint_refresh'],
      [{ respond: answer(500, 'internal_error') }, 'error_hint_try_later'],
      // Chromium itself resends a request once when a reused keep-alive socket closes without an
      // answer, so the drop must outlast that one browser retry.
      // No answer to the PATCH: the connection is read back, and the alert says it was not saved.
      [{ drop: true, times: 2 }, 'unanswered_database_not_applied'],
    ];
    for (const [spec, hint] of cases) {
      await fault(s.emu, { ...patch, ...spec });
      await saveDatabase(popup);
      await alertWith(popup, hint);
      await s.emu.control('DELETE', 'faults');
      await databaseKept(popup);
      await dismiss(popup);
      await databaseKept(popup);
    }

    // 403: the user fell off the access list, so the flow routes back to Link; linking again and
    // saving again goes through.
    await fault(s.emu, { ...patch, respond: answer(403, 'forbidden') });
    await saveDatabase(popup);
    await alertWith(popup, 'error_hint_link_access');
    await onStep(popup, 'step_link');
    await popup.locator('.context').getByText('acme-sync').waitFor();
    await dismiss(popup);
    await popup.getByRole('button', { name: msg('link_button') }).click();
    await onStep(popup, 'step_database');
    await saveDatabase(popup);
    await onStep(popup, 'step_salesforce');

    // authorize_url faults: 404 and 503 (a POST is not retried on 503), then the real consent.
    const authorize = { method: 'POST', path: '/api/v3/connections/*/authorize_url' };
    for (const [spec, hint] of [
      [{ respond: answer(404, 'not_found') }, 'error_hint_refresh'],
      [{ respond: answer(503, 'unavailable') }, 'error_hint_try_later'],
    ]) {
      await fault(s.emu, { ...authorize, ...spec });
      await popup.getByRole('button', { name: msg('sf_authorize') }).click();
      await alertWith(popup, hint);
      await onStep(popup, 'step_salesforce');
      assert.equal(await popup.getByRole('radio', { name: msg('sf_production') }).isChecked(), true);
      await dismiss(popup);
    }
    // The browser refuses to open the login tab: an alert, and no wait for a consent never asked.
    await refuse(popup, 'tabs.create', 'Tabs cannot be edited right now');
    await popup.getByRole('button', { name: msg('sf_authorize') }).click();
    await alertWith(popup, 'error_browser_open_salesforce');
    await onStep(popup, 'step_salesforce');
    assert.equal(await popup.getByText(msg('sf_waiting'), { exact: true }).count(), 0);
    await restore(popup, 'tabs.create');
    await dismiss(popup);
    await authorizeSalesforce(s, popup);
    assert.equal((await connectionsOf(s.emu, 'acme-sync'))[0].state, 'IDLE');

    const log = await finish(s);
    const faulted = log.filter((r) => r.fault).map((r) => r.status);
    const met = faulted.filter((status, i) => !(status === null && faulted[i - 1] === null));
    assert.deepEqual(met, [200, 401, 429, 409, 500, null, 403, 404, 503], 'every fault was met');
  } catch (e) {
    // What the emulator saw last and what the page showed: enough to tell which fault went wrong.
    const log = await s.emu.requests();
    console.log(log.slice(-12).map((r) => `${r.seq} ${r.method} ${r.host}${r.path} ${r.status} ${r.fault}`).join('\n'));
    const pages = s.ext.context.pages();
    await pages[pages.length - 1].screenshot({ path: path.join(artifacts, 'setup-faults-failure.png') });
    throw e;
  } finally {
    await shutdown(s);
  }
});
