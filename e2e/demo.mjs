// Headless walk through the extension's screens for `cargo xtask demo` on a machine with no display.
// It drives the production build against the emulator that xtask started, through the guided setup of
// the demo app `acme-sync` as a user would, imports a configuration, opens the status view, and saves
// one screenshot per screen under CP_DEMO_OUT; the popup is also shown once in Japanese. With
// CP_DEMO_UPDATE_SCREENSHOTS=1 (`cargo xtask demo --update-screenshots`) it also refreshes the README's copies.
import path from 'node:path';
import { copyFileSync, mkdirSync } from 'node:fs';
import { emulatorAt, launchExtension, openPage } from './harness.mjs';
import { msg } from './messages.mjs';
import { signIn, saveDatabase, onStep, dropFile } from './setup-steps.mjs';

const out = process.env.CP_DEMO_OUT ?? 'target/demo';
mkdirSync(out, { recursive: true });
const emulator = emulatorAt(process.env.CP_DEMO_HTTP, Number(process.env.CP_DEMO_HTTPS_PORT));
const shots = [];
const shot = async (tab, name) => {
  const file = path.join(out, `${name}.png`);
  await tab.screenshot({ path: file });
  shots.push(file);
  console.log(`screenshot: ${file}`);
};
const WAIT = { timeout: 30_000 };
const CONFIG = JSON.stringify({
  version: 1,
  mappings: [
    { object_name: 'Contact', config: { fields: { Id: {}, IsDeleted: {}, SystemModstamp: {}, CreatedDate: {}, LastName: {}, Email: {} } } },
    { object_name: 'Account', config: { fields: { Id: {}, IsDeleted: {}, SystemModstamp: {}, Name: {} } } },
    { object_name: 'Lead', config: {} },
  ],
});

// The demo world starts fresh so the walk always sees the same screens.
await emulator.control('POST', 'reset', { seed: 'demo' });
let ext = await launchExtension({ httpsPort: emulator.httpsPort, locale: 'en-US' });
try {
  const dashboard = await ext.context.newPage();
  await dashboard.goto('https://dashboard.heroku.com/apps/acme-sync');
  await dashboard.getByRole('heading', { level: 1 }).waitFor();
  await shot(dashboard, '01-dashboard');

  const popup = await openPage(ext, 'popup.html');
  await shot(popup, '02-token');
  await signIn(popup);
  await onStep(popup, 'step_link', WAIT.timeout);
  await shot(popup, '03-link');
  await popup.getByRole('button', { name: msg('link_button') }).click();
  await onStep(popup, 'step_database', WAIT.timeout);
  await popup.locator('#db-key option[value="DATABASE_URL"]').waitFor({ state: 'attached' });
  await shot(popup, '04-database');
  await saveDatabase(popup);
  await onStep(popup, 'step_salesforce', WAIT.timeout);
  await shot(popup, '05-salesforce');
  const consentTab = ext.context.waitForEvent('page');
  await popup.getByRole('button', { name: msg('sf_authorize') }).click();
  const consent = await consentTab;
  await consent.getByRole('button', { name: 'Allow' }).waitFor();
  await shot(consent, '06-salesforce-consent');
  await consent.getByRole('button', { name: 'Allow' }).click();
  await onStep(consent, 'step_import', WAIT.timeout);
  const tab = consent;
  await tab.setViewportSize({ width: 1024, height: 760 });
  await shot(tab, '07-import');

  await dropFile(tab, 'acme-sync.json', CONFIG);
  await tab.locator('.config-diff [data-object="Contact"]').waitFor(WAIT);
  await shot(tab, '08-import-preview');
  await tab.getByRole('button', { name: msg('import_run'), exact: true }).click();
  await tab.locator('.import-progress').waitFor(WAIT);
  await emulator.advance(10);
  await tab.getByText(msg('import_done'), { exact: true }).waitFor(WAIT);
  await shot(tab, '09-import-done');

  await tab.getByRole('button', { name: msg('import_skip') }).click();
  await onStep(tab, 'step_monitor', WAIT.timeout);
  await tab.locator('tr[data-object="Contact"]').waitFor(WAIT);
  await shot(tab, '10-status');
  await tab.locator('tr[data-object="Contact"]')
    .getByRole('button', { name: `${msg('monitor_mapping_details')} Contact` }).click();
  await tab.locator('.mapping-details').waitFor(WAIT);
  await shot(tab, '11-mapping-details');

  const statusPopup = await openPage(ext, 'popup.html', { width: 360, height: 600 });
  await statusPopup.locator('tr[data-object="Contact"]').waitFor(WAIT);
  await shot(statusPopup, '12-popup-status');

  const options = await openPage(ext, 'options.html', { width: 900, height: 700 });
  await shot(options, '13-options');
} finally {
  await ext.close();
}

// The same extension in Japanese: a fresh browser whose UI language is ja.
ext = await launchExtension({ httpsPort: emulator.httpsPort, locale: 'ja' });
try {
  const popup = await openPage(ext, 'popup.html', { width: 360, height: 600 });
  await popup.getByRole('heading', { level: 1 }).waitFor();
  await shot(popup, '14-popup-ja');
} finally {
  await ext.close();
}
console.log(`${shots.length} screenshots in ${out}`);

// The README shows the main screens: its copies are refreshed only when asked
// (`cargo xtask demo --update-screenshots`), so a plain demo leaves the checkout unmodified.
if (process.env.CP_DEMO_UPDATE_SCREENSHOTS === '1') {
  const readme = {
    '02-token': 'popup-token', '04-database': 'popup-database', '12-popup-status': 'popup-status',
    '08-import-preview': 'import-preview', '10-status': 'status', '14-popup-ja': 'popup-ja',
  };
  const docs = path.resolve(import.meta.dirname, '../docs/screenshots');
  mkdirSync(docs, { recursive: true });
  for (const [from, to] of Object.entries(readme)) {
    copyFileSync(path.join(out, `${from}.png`), path.join(docs, `${to}.png`));
  }
  console.log(`README screenshots refreshed in ${docs}`);
}
