// Acceptance of the guided setup off the happy path, as a new user meets it: the popup follows the
// dashboard tab it is opened over (unless the user picked the app), a token Heroku refused is gone
// from the browser's storage, a user who is not a member of the app is told why and how to get in
// instead of being sent to Link, and a schema typed but not saved survives the popup closing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openPage, artifacts, untilStorage } from './harness.mjs';
import { audit, checkScreen, fitsPopup } from './checks.mjs';
import {
  msg, boot, finish, shutdown, onStep, reopen, signIn, dbKey, schemaName, lastSeq, overDashboard, AT_ONCE_MS,
} from './setup-steps.mjs';

/** Everything the extension keeps in `chrome.storage.session` and `chrome.storage.local`, as JSON. */
const storageDump = (tab) =>
  tab.evaluate(async () => JSON.stringify({
    session: await chrome.storage.session.get(null),
    local: await chrome.storage.local.get(null),
  }));

/** The app line under the title: which app the popup is showing. */
const shownApp = (tab, app) => tab.locator('.context').filter({ hasText: new RegExp(`^${app}( ·|$)`) });

test('a token Heroku refused is removed from session and local storage at once', async () => {
  const s = await boot();
  try {
    let { popup } = await overDashboard(s, 'acme-sync');
    await signIn(popup, 'demo-token', { remember: true });
    await onStep(popup, 'step_link');
    const kept = JSON.parse(await storageDump(popup));
    assert.ok(Object.values(kept.session).includes('demo-token'), 'the session holds the token');
    assert.ok(Object.values(kept.local).includes('demo-token'), 'remembered on this device');

    // Heroku answers 401 to the link: the token is refused.
    await s.emu.control('POST', 'faults', {
      method: 'POST', path: '/auth/*', times: 1,
      respond: { status: 401, body: { id: 'unauthorized', message: 'Invalid credentials provided.' } },
    });
    await popup.getByRole('button', { name: msg('link_button') }).click();
    await onStep(popup, 'step_token');
    assert.ok((await popup.getByRole('alert').textContent()).includes(msg('error_hint_enter_token')));
    await untilStorage(popup, ({ raw }) => !raw.includes('demo-token'), 'no refused token',
      { timeout: AT_ONCE_MS });
    assert.ok(!(await storageDump(popup)).includes('demo-token'), 'no storage area holds the refused token');
    // Reopened, the popup asks for a token: there is none left to try.
    ({ popup } = await reopen(s, popup, 'step_token'));
    await shownApp(popup, 'acme-sync').waitFor({ timeout: AT_ONCE_MS });
    assert.equal(await popup.getByRole('button', { name: msg('tokenForget') }).count(), 0);

    // A new token goes on where the setup was.
    await signIn(popup);
    await onStep(popup, 'step_link');
    await finish(s);
  } finally {
    await shutdown(s);
  }
});

test('a user who is not a member of the app is told so, shown the way in, and never sent round to Link', async () => {
  const s = await boot();
  try {
    let { popup } = await overDashboard(s, 'acme-sync');
    await signIn(popup, 'outsider-token');
    await onStep(popup, 'step_app');
    const panel = popup.locator('.panel.denied');
    await panel.getByText(msg('app_no_access', 'outsider@example.com', 'acme-sync')).waitFor();
    await panel.getByText(msg('app_no_access_way_out')).waitFor();
    const access = panel.getByRole('link', { name: msg('app_access_page', 'acme-sync') });
    assert.equal(await access.getAttribute('href'), 'https://dashboard.heroku.com/apps/acme-sync/access');
    assert.ok((await popup.getByRole('alert').textContent()).includes(msg('error_no_app_access')));
    // No button repeats a call that must fail: no Link, no "continue with acme-sync".
    assert.equal(await popup.getByRole('button', { name: msg('link_button') }).count(), 0);
    assert.equal(await popup.getByRole('button', { name: msg('app_continue_with', 'acme-sync') }).count(), 0);
    // The user's own app list has answered (empty for this account): nothing shows as loading.
    await popup.getByLabel(msg('app_pick')).locator('option', { hasText: msg('app_none') }).waitFor({ state: 'attached' });
    await checkScreen(popup, 'app step: no access', { dark: true, narrow: true });
    await fitsPopup(popup, 'no access');
    await popup.screenshot({ path: path.join(artifacts, 'no-access.png'), fullPage: true });
    const words = await popup.locator('main, body').first().innerText();
    console.log(`no-access screen (${path.join(artifacts, 'no-access.png')}):\n${words}`);

    // The state is kept: reopened, the popup says the same, and calls nothing about the app again.
    const before = await lastSeq(s.emu);
    ({ popup } = await reopen(s, popup, 'step_app'));
    await popup.locator('.panel.denied').getByText(msg('app_no_access', 'outsider@example.com', 'acme-sync'))
      .waitFor({ timeout: AT_ONCE_MS });
    const again = (await s.emu.requests(before)).filter((r) => r.path.includes('acme-sync'));
    assert.deepEqual(again.map((r) => `${r.method} ${r.path}`), [], 'no call about the refused app');

    // The way out: another token, which reaches the app.
    await popup.getByRole('button', { name: msg('app_other_token') }).click();
    await onStep(popup, 'step_token');
    assert.equal(await popup.getByRole('alert').count(), 0, 'the refusal is not shown over the new sign-in');
    assert.ok(!(await storageDump(popup)).includes('outsider-token'), 'the outsider token is forgotten');
    await signIn(popup);
    await onStep(popup, 'step_link');
    await popup.getByText(msg('link_intro', 'demo@example.com', 'acme-sync')).waitFor();

    // Every refusal the browser logged was one of the 403s about acme-sync, nothing else went wrong.
    const log = await audit(s.ext, { emu: s.emu, tokenUsed: true });
    const refusals = log.filter((r) => r.status === 403);
    assert.ok(refusals.length > 0 && refusals.every((r) => r.path.startsWith('/apps/acme-sync')),
      refusals.map((r) => `${r.method} ${r.path}`).join(', '));
    assert.ok(!log.some((r) => r.method === 'POST' && r.path === '/auth/acme-sync' && r.status === 403),
      'the link was never tried for a user it must refuse');
    const network = /: Failed to load resource: the server responded with a status of 403/;
    assert.deepEqual(s.ext.problems.filter((p) => !network.test(p)), [], 'console errors on extension pages');
  } finally {
    await shutdown(s);
  }
});

test('the popup follows the dashboard tab it is opened over, unless the user picked the app', async () => {
  const s = await boot();
  try {
    let { dashboard, popup } = await overDashboard(s, 'acme-sync');
    await signIn(popup);
    await onStep(popup, 'step_link');
    await shownApp(popup, 'acme-sync').waitFor();
    await popup.getByRole('button', { name: msg('link_button') }).click();
    await onStep(popup, 'step_database');

    // The user moves to acme-eu's dashboard and opens the popup there: it shows acme-eu.
    await popup.close();
    await dashboard.goto('https://dashboard.heroku.com/apps/acme-eu');
    popup = await openPage(s.ext, 'popup.html');
    await onStep(popup, 'step_link', AT_ONCE_MS);
    await popup.getByText(msg('link_intro', 'demo@example.com', 'acme-eu')).waitFor({ timeout: AT_ONCE_MS });
    await shownApp(popup, 'acme-eu').waitFor();

    // Back over acme-sync, which this account linked: its database step, without a second link.
    const back = await lastSeq(s.emu);
    await popup.close();
    await dashboard.goto('https://dashboard.heroku.com/apps/acme-sync');
    popup = await openPage(s.ext, 'popup.html');
    await onStep(popup, 'step_database', AT_ONCE_MS);
    await shownApp(popup, 'acme-sync').waitFor();
    const links = (await s.emu.requests(back)).filter((r) => r.method === 'POST' && r.path.startsWith('/auth/'));
    assert.deepEqual(links, [], 'no second link');

    // Over acme-blank's dashboard (no add-ons yet) the user goes back and picks acme-sync in the
    // popup: that choice stands, and the tab's app is one click away.
    await popup.close();
    await dashboard.goto('https://dashboard.heroku.com/apps/acme-blank');
    popup = await openPage(s.ext, 'popup.html');
    await onStep(popup, 'step_addons', AT_ONCE_MS);
    await popup.getByText(msg('addons_intro', 'acme-blank')).waitFor({ timeout: AT_ONCE_MS });
    await popup.getByRole('button', { name: msg('back') }).click();
    await onStep(popup, 'step_app');
    const picker = popup.getByLabel(msg('app_pick'));
    await picker.locator('option[value="acme-sync"]').waitFor({ state: 'attached' });
    await picker.selectOption('acme-sync');
    await popup.getByRole('button', { name: msg('app_use_selected') }).click();
    await onStep(popup, 'step_database');
    ({ popup } = await reopen(s, popup, 'step_database'));
    await shownApp(popup, 'acme-sync').waitFor({ timeout: AT_ONCE_MS });
    const offer = popup.locator('.tab-offer');
    await offer.getByText(msg('app_tab_offer', 'acme-sync', 'acme-blank')).waitFor({ timeout: AT_ONCE_MS });
    await checkScreen(popup, 'database step with the tab offer', { dark: true, narrow: true });
    await popup.screenshot({ path: path.join(artifacts, 'tab-offer.png') });

    await offer.getByRole('button', { name: msg('app_tab_switch', 'acme-blank') }).click();
    await onStep(popup, 'step_addons');
    await popup.getByText(msg('addons_intro', 'acme-blank')).waitFor();
    assert.equal(await popup.locator('.tab-offer').count(), 0);
    await finish(s);
  } finally {
    await shutdown(s);
  }
});

test('a schema typed but not saved survives the popup closing and a late answer', async () => {
  const s = await boot();
  try {
    let { popup } = await overDashboard(s, 'acme-sync');
    await signIn(popup);
    await popup.getByRole('button', { name: msg('link_button') }).click();
    await onStep(popup, 'step_database');
    await dbKey(popup).locator('option[value="DATABASE_URL"]').waitFor({ state: 'attached' });
    await schemaName(popup).fill('sales_eu');

    // The user clicks outside: the popup closes. Reopened, the typed schema is still there.
    ({ popup } = await reopen(s, popup, 'step_database'));
    assert.equal(await schemaName(popup).inputValue(), 'sales_eu');

    // Typed while the database choices are still on their way: their answer keeps it.
    await s.emu.control('POST', 'faults', {
      method: 'GET', path: '/api/v3/apps/acme-sync', delay_ms: 2000, times: 1,
    });
    await popup.close();
    popup = await openPage(s.ext, 'popup.html');
    await onStep(popup, 'step_database', AT_ONCE_MS);
    await schemaName(popup).fill('sales_late');
    await dbKey(popup).locator('option[value="DATABASE_URL"]').waitFor({ state: 'attached' });
    assert.equal(await schemaName(popup).inputValue(), 'sales_late');
    assert.equal(await dbKey(popup).inputValue(), 'DATABASE_URL');

    await popup.getByRole('button', { name: msg('database_save') }).click();
    await onStep(popup, 'step_salesforce');
    await finish(s);
  } finally {
    await shutdown(s);
  }
});
