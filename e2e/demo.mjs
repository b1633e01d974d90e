// Headless walk through the extension's screens for `cargo xtask demo` on a machine with no display.
// It drives the production build against the emulator that xtask started and saves one screenshot per
// screen under CP_DEMO_OUT, printing each path.
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

try {
  const dashboard = await ext.context.newPage();
  await dashboard.goto('https://dashboard.heroku.com/apps/acme-sync');
  await dashboard.getByRole('heading', { level: 1 }).waitFor();
  await shot(dashboard, 'dashboard');

  const popup = await openPage(ext, 'popup.html');
  await shot(popup, 'popup-token');

  const options = await openPage(ext, 'options.html', { width: 900, height: 700 });
  await shot(options, 'options');
} finally {
  await ext.close();
}
console.log(`${shots.length} screenshots in ${out}`);
