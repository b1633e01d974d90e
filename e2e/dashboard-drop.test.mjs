// A mapping file dropped on the Heroku dashboard itself (the emulator's fake dashboard page): the content
// script shows its drop target only while files are dragged over the page, hands a good file to the
// service worker, and the extension's full-tab import opens on the validated preview, nothing imported;
// a non-JSON or too large file is refused in the overlay, and the page's own content stays as it was.
// Also: an extension page loaded in a frame by a Heroku page refuses to work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, launchExtension } from './harness.mjs';
import { auditAndClose, checkScreen } from './checks.mjs';
import { msg } from './messages.mjs';
import { setupToImport } from './setup-steps.mjs';

const WAIT = { timeout: 20_000 };
const DASHBOARD = 'https://dashboard.heroku.com/apps/acme-sync';
const GOOD = JSON.stringify({
  version: 1,
  mappings: [{ object_name: 'Contact', config: { fields: { Id: {}, IsDeleted: {}, SystemModstamp: {}, LastName: {} } } }],
});
// config::MAX_FILE_BYTES (tests/dashboard_drop.rs keeps the scripts' copies equal to it).
const MAX_BYTES = 5 * 1024 * 1024;

let emulator;
let ext;

const importRequests = async () => (await emulator.requests()).filter((r) => r.path.endsWith('/actions/import'));

/** The page's own content, and how many elements the document has: nothing of ours may stay. */
const snapshot = (page) => page.evaluate(() => ({
  body: document.body.innerHTML,
  elements: document.getElementsByTagName('*').length,
}));
const overlay = (page) => page.locator('connect-pilot-drop');

/** A DataTransfer in the page holding one file (`{ name, type, text | size }`), or only text. */
function transfer(page, file) {
  return page.evaluateHandle((f) => {
    const dt = new DataTransfer();
    if (!f) {
      dt.setData('text/plain', 'dragged text');
      return dt;
    }
    const body = f.text ?? new Uint8Array(f.size).fill(0x20);
    dt.items.add(new File([body], f.name, { type: f.type }));
    return dt;
  }, file);
}

/** Drags `dt` over the page, as a file manager would: dragenter and dragover, and `then` (drop or leave). */
async function drag(page, dt, then) {
  for (const type of ['dragenter', 'dragover', ...(then ? [then] : [])]) {
    await page.locator('body').dispatchEvent(type, { dataTransfer: dt });
  }
}

async function openDashboard(app = 'acme-sync') {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1024, height: 760 });
  await page.goto(`https://dashboard.heroku.com/apps/${app}`);
  await page.getByRole('heading', { level: 1, name: app }).waitFor(WAIT);
  return page;
}

before(async () => {
  emulator = await startEmulator();
  ext = await launchExtension({ httpsPort: emulator.httpsPort });
  // Walks the Salesforce return hop to app.html, which the web-accessible entry's dynamic URL must allow.
  await setupToImport(ext);
});
after(() => auditAndClose(ext, emulator));

test('the dashboard is untouched until files are dragged over it, and again after they leave', async () => {
  const page = await openDashboard();
  const untouched = await snapshot(page);
  assert.equal(await overlay(page).count(), 0, 'no node before any drag');
  // A drag of text (not files) adds nothing.
  await drag(page, await transfer(page, null));
  assert.deepEqual(await snapshot(page), untouched, 'a text drag adds nothing');
  // Files dragged over the page show the drop target, named for the page's app, outside <body>.
  await drag(page, await transfer(page, { name: 'acme.json', type: 'application/json', text: GOOD }));
  await overlay(page).getByText(msg('dashboard_drop_prompt', 'acme-sync'), { exact: true }).waitFor(WAIT);
  assert.equal((await snapshot(page)).body, untouched.body, 'the page body is unchanged while the target shows');
  await checkScreen(page, 'dashboard drop target', { dark: true });
  // Leaving the window takes it away.
  await page.locator('body').dispatchEvent('dragleave', { dataTransfer: await transfer(page, null) });
  await overlay(page).waitFor({ state: 'detached', ...WAIT });
  assert.deepEqual(await snapshot(page), untouched);
  await page.close();
});

test('a non-JSON or too large file is refused in the overlay and handed to nobody', async () => {
  const page = await openDashboard();
  const untouched = await snapshot(page);
  const pages = ext.context.pages().length;
  const refusals = [
    [{ name: 'notes.txt', type: 'text/plain', text: 'not a mapping' }, msg('dashboard_drop_not_json', 'notes.txt')],
    [{ name: 'big.json', type: 'application/json', size: MAX_BYTES + 1 }, msg('dashboard_drop_too_large', 'big.json', '5')],
  ];
  for (const [file, message] of refusals) {
    await drag(page, await transfer(page, file), 'drop');
    await overlay(page).getByText(message, { exact: true }).waitFor(WAIT);
    await checkScreen(page, `dashboard drop refused (${file.name})`, { dark: true });
    await overlay(page).getByRole('button', { name: msg('dashboard_drop_close') }).click();
    await overlay(page).waitFor({ state: 'detached', ...WAIT });
    assert.deepEqual(await snapshot(page), untouched, `${file.name}: the page is as it was`);
  }
  assert.equal(ext.context.pages().length, pages, 'no import tab opened');
  const pending = await ext.context.serviceWorkers()[0].evaluate(() => chrome.storage.session.get('dashboard_drop'));
  assert.deepEqual(pending, {}, 'nothing handed to the extension');
  await page.close();
});

test('a file dropped on the dashboard opens its preview in the extension tab, imported only on confirmation', async () => {
  const page = await openDashboard();
  const untouched = await snapshot(page);
  const before = (await importRequests()).length;
  const [tab] = await Promise.all([
    ext.context.waitForEvent('page', WAIT),
    drag(page, await transfer(page, { name: 'acme.json', type: 'application/json', text: GOOD }), 'drop'),
  ]);
  await tab.waitForURL(/\/www\/app\.html#\/import\?app=acme-sync&from=dashboard$/, WAIT);
  await tab.locator('.file-name', { hasText: msg('import_file', 'acme.json') }).waitFor(WAIT);
  await tab.locator('.config-diff [data-object="Contact"][data-status="added"]').waitFor(WAIT);
  await tab.getByRole('button', { name: msg('import_run'), exact: true }).waitFor(WAIT);
  await checkScreen(tab, 'import preview from the dashboard', { dark: true });
  assert.equal((await importRequests()).length, before, 'nothing imported before the user confirms');
  // The page took the file once: it is no longer waiting in storage.session.
  assert.deepEqual(await tab.evaluate(() => chrome.storage.session.get('dashboard_drop')), {});
  await overlay(page).waitFor({ state: 'detached', ...WAIT });
  assert.deepEqual(await snapshot(page), untouched, 'the dashboard is as it was');

  // A second file dropped while the import tab is open goes to that tab; no other tab opens.
  const pages = ext.context.pages().length;
  const second = JSON.stringify({ version: 1, mappings: [{ object_name: 'Lead', config: {} }] });
  await drag(page, await transfer(page, { name: 'lead.json', type: 'application/json', text: second }), 'drop');
  await tab.locator('.file-name', { hasText: msg('import_file', 'lead.json') }).waitFor(WAIT);
  await tab.locator('.config-diff [data-object="Lead"][data-status="added"]').waitFor(WAIT);
  assert.equal(ext.context.pages().length, pages, 'the open import tab was reused');
  assert.equal((await importRequests()).length, before);
  await Promise.all([tab.close(), page.close()]);
});

test('a file dropped on the dashboard of an app the setup is not for is not checked against another app', async () => {
  const page = await openDashboard('acme-blank');
  const [tab] = await Promise.all([
    ext.context.waitForEvent('page', WAIT),
    drag(page, await transfer(page, { name: 'acme.json', type: 'application/json', text: GOOD }), 'drop'),
  ]);
  await tab.getByRole('alert').filter({ hasText: msg('import_dashboard_other_setup', 'acme-blank') }).waitFor(WAIT);
  await checkScreen(tab, 'dashboard drop for another app', { dark: true });
  assert.equal(await tab.locator('.file-name, .config-diff').count(), 0, 'the file was not checked');
  assert.deepEqual(await tab.evaluate(() => chrome.storage.session.get('dashboard_drop')), {});
  await Promise.all([tab.close(), page.close()]);
});

test('the service worker takes a dropped file only from the content script of a dashboard app page', async () => {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/www/options.html`);
  const send = (message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  const file = { type: 'dashboard-drop', app: 'acme-sync', name: 'acme.json', data: btoa(GOOD) };
  assert.deepEqual(await send(file), { ok: false, error: 'not from a dashboard app page' });
  assert.deepEqual(await page.evaluate(() => chrome.storage.session.get('dashboard_drop')), {});
  await page.close();
});

test('an extension page framed by a Heroku page shows only a refusal, and sends nothing', async () => {
  const page = await openDashboard();
  const since = ext.record.requests.length;
  // At its fixed URL Chrome does not even load it (the web-accessible entry asks for the dynamic URL);
  // at the per-session dynamic URL, which only the extension itself can tell a page, it refuses.
  const fixed = `chrome-extension://${ext.extensionId}/www/app.html`;
  const dynamic = await ext.context.serviceWorkers()[0].evaluate(() => chrome.runtime.getURL('www/app.html'));
  assert.notEqual(new URL(dynamic).host, ext.extensionId, 'Chrome gives a dynamic URL');
  await page.evaluate((sources) => {
    for (const [title, src] of Object.entries(sources)) {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.title = title;
      document.body.append(frame);
    }
  }, { fixed, dynamic });
  const frame = page.frameLocator('iframe[title="dynamic"]');
  await frame.getByText(msg('framed_refused'), { exact: true }).waitFor(WAIT);
  const link = frame.getByRole('link', { name: msg('framed_open') });
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await frame.locator('h1, form, button, input, select').count(), 0, 'no app UI in the frame');
  assert.ok(page.frames().some((f) => f.url().startsWith('chrome-error:')), 'the fixed URL was blocked');
  assert.equal(await page.frameLocator('iframe[title="fixed"]').locator('#root').count(), 0);
  await page.close();
  await Promise.all(ext.record.pending);
  const sent = ext.record.requests.slice(since).filter((r) => !r.url.startsWith('chrome-extension://'));
  assert.deepEqual(sent.filter((r) => !r.url.startsWith(DASHBOARD)), [], 'the framed page sent no request');
});

test('the tabs the extension opens itself load (the fixed URL, not the dynamic one)', () => {
  // The welcome tab of the first install, and every tab of this spec: none is Chrome's error page.
  assert.deepEqual(ext.context.pages().map((p) => p.url()).filter((u) => u.startsWith('chrome-error:')), []);
});
