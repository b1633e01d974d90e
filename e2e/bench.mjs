// Browser benchmarks for `cargo xtask bench`: runs inside the built extension (CP_EXTENSION_DIR, a copy
// holding e2e/bench/) against an emulator, and prints one JSON line with the figures:
// - the configuration checks against JSON.parse of the same text (bench/bench.html);
// - the popup's first render for a returning user: acme-sync set up, the popup reopened while its
//   dashboard tab is open, timed until the status view shows the connection's last known state (its
//   state label, painted from the saved state before any request returns), against a static HTML copy
//   of that same screen, median of 20;
// - the status view's first render with 5 and with 200 mappings, median of 9 each;
// - with CP_FLOOR_DIR (a copy of the extension running xtask/floor, the smallest Yew popup), that
//   popup's first render (its heading: it has nothing else to wait for) against the same static page,
//   alternated with the product's, as the floor under the popup's targets.
// Every time is read inside the page (performance.now() in the first animation frame that has the
// element), so Playwright's own polling adds nothing to it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, launchExtension, openPage, extensionDir } from './harness.mjs';
import { msg, signIn, saveDatabase, authorizeSalesforce, onStep } from './setup-steps.mjs';

const CID = 'c0000000-0000-4000-8000-000000000001';
// The connection card's state label: the status view's "last known state" of the connection.
const STATE_LABEL = '[data-testid="connection-state-label"]';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A configuration of `n` custom-object mappings, as a user's file would hold them. */
function config(n) {
  const mappings = Array.from({ length: n }, (_, i) => ({
    object_name: `Bench_${String(i).padStart(3, '0')}__c`,
    config: {
      access: 'read_only',
      sf_polling_seconds: 600,
      fields: { Id: {}, IsDeleted: {}, SystemModstamp: {}, Name: {}, CreatedDate: {} },
    },
  }));
  return JSON.stringify({ version: 1, mappings });
}

const emu = await startEmulator();
// No DOM watcher for tokens here: it would add its own cost to every render being timed.
const ext = await launchExtension({ httpsPort: emu.httpsPort, watchDom: false });
const floorDir = process.env.CP_FLOOR_DIR;
const floor = floorDir ? await launchExtension({ watchDom: false, dir: floorDir }) : null;
// Records, in every page, the first frame in which `count` elements match the selector the tab was
// given. A check per animation frame costs nothing measurable; a MutationObserver would, since it
// queues a record for each of the thousands of nodes a 200-row table inserts.
const timeFirstFrame = () => {
  const check = () => {
    // Read per frame: the tab's own init script, which sets them, may run after this one.
    const selector = sessionStorage.getItem('benchSelector') ?? 'h1';
    const count = Number(sessionStorage.getItem('benchCount') ?? '1');
    const found = count === 1 ? document.querySelector(selector) !== null
      : document.querySelectorAll(selector).length >= count;
    if (found) window.__benchAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};
for (const browser of [ext, floor]) await browser?.context.addInitScript(timeFirstFrame);

/** Opens `file` of `on`'s extension once and returns the time until `count` elements match `selector`. */
async function renderOnce(file, selector, count = 1, width = 380, on = ext) {
  const tab = await on.context.newPage();
  await tab.setViewportSize({ width, height: 600 });
  // sessionStorage is per tab and set before the page's own scripts run.
  await tab.addInitScript(([s, c]) => {
    sessionStorage.setItem('benchSelector', s);
    sessionStorage.setItem('benchCount', String(c));
  }, [selector, count]);
  await tab.goto(on.url(file));
  await tab.waitForFunction(() => window.__benchAt !== undefined, null, { timeout: 60_000 });
  const at = await tab.evaluate(() => window.__benchAt);
  await tab.close();
  return at;
}

/** The median of `runs` first renders of `file`. */
async function firstRender(file, selector, runs, count = 1, width = 380) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await renderOnce(file, selector, count, width));
  return median(times);
}

/** Imports `n` mappings by direct HTTP and lets the emulator's clock settle them. */
async function importMappings(n) {
  const res = await fetch(`${emu.httpUrl}/api/v3/connections/${CID}/actions/import`, {
    method: 'POST',
    headers: { Authorization: 'Bearer demo-token', 'Content-Type': 'application/json' },
    body: config(n),
  });
  if (res.status !== 202) throw new Error(`import: ${res.status} ${await res.text()}`);
  await emu.advance(10);
}

try {
  // Configuration checks against JSON.parse of the same text.
  const page = await ext.context.newPage();
  await page.goto(ext.url('../bench/bench.html'));
  await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 600_000 });
  const configFigures = await page.evaluate(() => window.__bench);
  await page.close();

  // The stored state: acme-sync set up from its dashboard tab, with 5 mappings, on the status view.
  const dash = await ext.context.newPage();
  await dash.goto('https://dashboard.heroku.com/apps/acme-sync');
  const popup = await openPage(ext, 'popup.html');
  await signIn(popup);
  await popup.getByRole('button', { name: msg('link_button') }).click();
  await saveDatabase(popup);
  const sf = await authorizeSalesforce({ ext }, popup);
  await importMappings(5);
  await sf.getByRole('button', { name: msg('import_skip') }).click();
  await onStep(sf, 'step_monitor', 20_000);
  // The dashboard tab stays open: the popup is timed as it opens over it.
  for (const tab of [popup, sf]) await tab.close();

  // The same screen as static HTML: the popup's own DOM once rendered, with its scripts removed,
  // written next to the benchmark pages.
  const shot = await openPage(ext, 'popup.html');
  await shot.locator('tr[data-object]').nth(4).waitFor({ timeout: 20_000 });
  await shot.locator(STATE_LABEL).waitFor({ timeout: 20_000 });
  const html = await shot.evaluate(() => {
    const doc = document.documentElement.cloneNode(true);
    doc.querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"]').forEach((e) => e.remove());
    doc.querySelector('link[rel="stylesheet"]').setAttribute('href', '../www/styles.css');
    return `<!doctype html>\n${doc.outerHTML}`;
  });
  await shot.close();
  writeFileSync(path.join(extensionDir, 'bench/static-popup.html'), html);
  if (floor) {
    mkdirSync(path.join(floorDir, 'bench'), { recursive: true });
    writeFileSync(path.join(floorDir, 'bench/static-popup.html'), html);
  }
  // Popup first render with that stored state, alternating with the static page so that both see the
  // same machine load.
  const popupTimes = [];
  const staticTimes = [];
  const floorTimes = [];
  const floorStaticTimes = [];
  for (let i = 0; i < 20; i++) {
    popupTimes.push(await renderOnce('popup.html', STATE_LABEL));
    staticTimes.push(await renderOnce('../bench/static-popup.html', STATE_LABEL));
    if (!floor) continue;
    floorTimes.push(await renderOnce('popup.html', '#root h1', 1, 380, floor));
    floorStaticTimes.push(await renderOnce('../bench/static-popup.html', 'h1', 1, 380, floor));
  }
  const popupMs = median(popupTimes);
  const staticMs = median(staticTimes);
  const floorRender = floor && {
    popup_ms: median(floorTimes),
    static_ms: median(floorStaticTimes),
    ratio: median(floorTimes) / median(floorStaticTimes),
  };

  // The status view, full tab, until every mapping row is on screen.
  await dash.close();
  const status5 = await firstRender('app.html', 'tr[data-object]', 9, 5, 1100);
  await importMappings(200);
  const status200 = await firstRender('app.html', 'tr[data-object]', 9, 200, 1100);

  console.log(JSON.stringify({
    config: configFigures,
    popup_first_render: { popup_ms: popupMs, static_ms: staticMs, ratio: popupMs / staticMs, static_bytes: html.length },
    status_first_render: { mappings_5_ms: status5, mappings_200_ms: status200, ratio: status200 / status5 },
    floor_popup_first_render: floorRender,
  }));
} finally {
  await floor?.close();
  await ext.close();
  await emu.stop();
}
