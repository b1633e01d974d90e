// Headless walk through the extension's screens for `cargo xtask demo` on a machine with no display.
// It drives the production build against the emulator that xtask started, through the guided setup of
// the demo app `acme-sync` as a user would, and saves one screenshot per screen under CP_DEMO_OUT.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { emulatorAt, launchExtension, openPage } from './harness.mjs';

const out = process.env.CP_DEMO_OUT ?? 'target/demo';
mkdirSync(out, { recursive: true });
const emulator = emulatorAt(process.env.CP_DEMO_HTTP, Number(process.env.CP_DEMO_HTTPS_PORT));
const ext = await launchExtension({ httpsPort: emulator.httpsPort });
const shots = [];
const shot = async (tab, name) => {
  const file = path.join(out, `${name}.png`);
  await tab.screenshot({ path: file });
  shots.push(file);
  console.log(`screenshot: ${file}`);
};
const heading = (tab, name) => tab.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30_000 });

try {
  // The demo world starts fresh so the walk always sees the same screens.
  await emulator.control('POST', 'reset', { seed: 'demo' });
  const dashboard = await ext.context.newPage();
  await dashboard.goto('https://dashboard.heroku.com/apps/acme-sync');
  await dashboard.getByRole('heading', { level: 1 }).waitFor();
  await shot(dashboard, '01-dashboard');

  const popup = await openPage(ext, 'popup.html');
  await shot(popup, '02-token');
  await popup.getByLabel('Heroku API token').fill('demo-token');
  await popup.getByRole('button', { name: 'Check token and continue' }).click();
  await heading(popup, 'Link your Heroku user');
  await shot(popup, '03-link');
  await popup.getByRole('button', { name: 'Link me to Heroku Connect' }).click();
  await heading(popup, 'Database and schema');
  await popup.locator('#db-key option[value="DATABASE_URL"]').waitFor({ state: 'attached' });
  await shot(popup, '04-database');
  await popup.getByRole('button', { name: 'Save database settings' }).click();
  await heading(popup, 'Authorize Salesforce');
  await shot(popup, '05-salesforce');
  const consentTab = ext.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Authorize Salesforce' }).click();
  const consent = await consentTab;
  await consent.getByRole('button', { name: 'Allow' }).waitFor();
  await shot(consent, '06-salesforce-consent');
  await consent.getByRole('button', { name: 'Allow' }).click();
  await heading(consent, 'Import mappings');
  await consent.setViewportSize({ width: 1024, height: 700 });
  await shot(consent, '07-import');

  const options = await openPage(ext, 'options.html', { width: 900, height: 700 });
  await shot(options, '08-options');
} finally {
  await ext.close();
}
console.log(`${shots.length} screenshots in ${out}`);
