// The setup and the status view from the keyboard alone (Tab, Shift+Tab, Enter, Space, Escape): each
// change of step puts the focus on the new step's heading, a panel of the status view takes the focus
// when it opens and gives it back to its opener when Escape closes it, and a change of the
// connection's state reaches the live region screen readers announce. Only the emulator's own
// Salesforce consent page is clicked, as it is not ours.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, launchExtension, openPage } from './harness.mjs';
import { auditAndClose } from './checks.mjs';
import { msg } from './messages.mjs';

const T = { timeout: 20_000 };
let emu;
let ext;

before(async () => {
  emu = await startEmulator();
  ext = await launchExtension({ httpsPort: emu.httpsPort });
});
after(() => auditAndClose(ext, emu));

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails if it never does. */
async function tabTo(page, target, { back = false } = {}) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  assert.fail(`${back ? 'Shift+Tab' : 'Tab'} never reached ${target}`);
}

/** Waits until the focus is on the level-1 heading that names step `key`. */
async function headingFocused(page, key) {
  await page.waitForFunction(
    (name) => document.activeElement?.localName === 'h1' && document.activeElement.textContent === name,
    msg(key),
    T,
  );
}

/** Whether `locator` has the focus now. */
const hasFocus = (locator) => locator.evaluate((el) => el === document.activeElement);

test('the setup and status-view actions work from the keyboard, and focus follows each step', async () => {
  const dashboard = await ext.context.newPage();
  await dashboard.goto('https://dashboard.heroku.com/apps/acme-sync');
  const popup = await openPage(ext, 'popup.html');
  const kb = popup.keyboard;

  // Token step: type the token, open the help with Enter after going back with Shift+Tab, tick
  // "Remember" with Space, submit with Enter.
  const token = popup.getByLabel(msg('tokenLabel'));
  await tabTo(popup, token);
  await kb.type('demo-token');
  const remember = popup.getByLabel(msg('tokenRemember'));
  await tabTo(popup, remember);
  await kb.press('Space');
  assert.equal(await remember.isChecked(), true);
  const howTo = popup.getByText(msg('tokenHowTo'), { exact: true });
  await tabTo(popup, howTo, { back: true });
  await kb.press('Enter');
  assert.equal(await popup.locator('.token-form details').evaluate((d) => d.open), true);
  await tabTo(popup, popup.getByRole('button', { name: msg('tokenContinue') }));
  await kb.press('Enter');

  // Link, then Database: each new step takes the focus on its heading.
  await headingFocused(popup, 'step_link');
  await tabTo(popup, popup.getByRole('button', { name: msg('link_button') }));
  await kb.press('Enter');
  await headingFocused(popup, 'step_database');
  const dbKey = popup.getByLabel(msg('database_key'));
  await dbKey.locator('option[value="DATABASE_URL"]').waitFor({ state: 'attached', ...T });
  await tabTo(popup, dbKey);
  const schema = popup.getByLabel(msg('database_schema'));
  await tabTo(popup, schema);
  await kb.press('ControlOrMeta+A');
  await kb.type('salesforce');
  await tabTo(popup, popup.getByRole('button', { name: msg('database_save') }));
  await kb.press('Space');

  // Salesforce: the consent tab opens from Enter; like a real popup, this one is gone by then.
  await headingFocused(popup, 'step_salesforce');
  const opened = ext.context.waitForEvent('page');
  await tabTo(popup, popup.getByRole('button', { name: msg('sf_authorize') }));
  await kb.press('Enter');
  const tab = await opened;
  await popup.close();
  await tab.waitForURL(/salesforce\.com\/services\/oauth2\/authorize/, T);
  await tab.getByRole('button', { name: /Allow/ }).click();
  await tab.waitForURL(/^chrome-extension:\/\/[^/]+\/www\/app\.html/, T);
  // The full-tab page opened on the wait and its own check moves it to Import: a change of step.
  await headingFocused(tab, 'step_import');
  const tkb = tab.keyboard;
  await tabTo(tab, tab.getByRole('button', { name: msg('import_skip') }));
  await tkb.press('Enter');
  await headingFocused(tab, 'step_monitor');

  // A panel of the status view: Enter opens it with the focus on its heading, Escape closes it and
  // the focus goes back to the button that opened it.
  const create = tab.getByRole('button', { name: msg('monitor_new_mapping') });
  await tabTo(tab, create);
  await tkb.press('Enter');
  const panelHeading = tab.getByRole('heading', { level: 3, name: msg('monitor_create_title') });
  await panelHeading.waitFor(T);
  assert.equal(await hasFocus(panelHeading), true, 'the opened panel has the focus');
  await tabTo(tab, tab.getByLabel(msg('monitor_object_name')));
  await tkb.press('Escape');
  await panelHeading.waitFor({ state: 'detached', ...T });
  assert.equal(await hasFocus(create), true, 'the focus went back to the opener');

  // Pause with Space and resume with Enter: the live region announces each new state.
  const announce = tab.getByTestId('monitor-announce');
  assert.equal(await announce.getAttribute('aria-live'), 'polite');
  assert.equal(await announce.textContent(), msg('monitor_announce_state', msg('monitor_label_idle'), 'IDLE'));
  await tabTo(tab, tab.getByRole('button', { name: msg('monitor_pause') }), { back: true });
  await tkb.press('Space');
  await announce.filter({ hasText: msg('monitor_announce_state', msg('monitor_label_paused'), 'PAUSED') }).waitFor(T);
  await tabTo(tab, tab.getByRole('button', { name: msg('monitor_resume') }));
  await tkb.press('Enter');
  await announce.filter({ hasText: msg('monitor_announce_state', msg('monitor_label_idle'), 'IDLE') }).waitFor(T);
  assert.deepEqual(ext.problems, []);
});
