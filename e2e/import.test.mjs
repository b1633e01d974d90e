// Import by drag-and-drop against the emulator: bad files are refused with the parser's or the
// validator's exact message and never sent; a good file is diffed, imported, watched to DATA_SYNCED
// (emulator time moved with /_emulator/advance) and undone, in the full-tab page and in the popup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, launchExtension, openPage } from './harness.mjs';

const badDir = path.resolve(import.meta.dirname, '../tests/fixtures/config/bad');
const expected = JSON.parse(fs.readFileSync(path.join(badDir, 'expected.json'), 'utf8'));
// Parse errors of several kinds, shape errors with a path, and issues that need the org schema.
const BAD = [
  'access-rw.json', 'bom-then-invalid-utf8.json', 'comments.json', 'duplicate-key-access.json',
  'empty.json', 'missing-config.json', 'duplicate-object-case.json', 'polling-below-demo-minimum.json',
  'unknown-field.json', 'unknown-object.json', 'top-level-array.json', 'truncated.json',
];
const GOOD = JSON.stringify({
  version: 1,
  mappings: [
    { object_name: 'Contact', config: { fields: { Id: {}, IsDeleted: {}, SystemModstamp: {}, CreatedDate: {}, LastName: {}, Email: {} } } },
    { object_name: 'Lead', config: {} },
  ],
});
const WAIT = { timeout: 20000 };

let emulator;
let ext;

/** Drops one file built from `bytes` on the page's drop zone, as a file manager would. */
async function dropFile(page, name, bytes) {
  const transfer = await page.evaluateHandle(({ name, b64 }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], name, { type: 'application/json' }));
    return dt;
  }, { name, b64: Buffer.from(bytes).toString('base64') });
  const zone = page.getByTestId('drop-zone');
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await zone.dispatchEvent(type, { dataTransfer: transfer });
  }
  await page.locator('.file-name', { hasText: `File: ${name}` }).waitFor(WAIT);
}

const importRequests = async () => (await emulator.requests()).filter((r) => r.path.endsWith('/actions/import'));

/** The setup walked in the popup from the acme-sync dashboard tab to the Import step. */
async function setupToImport() {
  const dash = await ext.context.newPage();
  await dash.goto('https://dashboard.heroku.com/apps/acme-sync');
  const p = await openPage(ext, 'popup.html');
  await p.getByLabel('Heroku API token').fill('demo-token');
  await p.getByRole('button', { name: 'Check token and continue' }).click();
  await p.getByRole('button', { name: 'Link me to Heroku Connect' }).click(WAIT);
  await p.locator('#db-key option[value="DATABASE_URL"]').waitFor({ state: 'attached', ...WAIT });
  await p.getByRole('button', { name: 'Save database settings' }).click();
  const sfTab = ext.context.waitForEvent('page');
  await p.getByRole('button', { name: 'Authorize Salesforce' }).click(WAIT);
  const sf = await sfTab;
  await sf.waitForLoadState();
  await sf.getByRole('button', { name: /Allow/ }).click();
  await sf.waitForURL(/app\.html/);
  await sf.getByRole('heading', { name: 'Import mappings' }).waitFor(WAIT);
  await Promise.all([dash.close(), sf.close(), p.close().catch(() => {})]);
}

/** Drop → diff → import → advance → DATA_SYNCED → undo → verified empty diff. */
async function importAndUndo(page) {
  const before = (await importRequests()).length;
  await dropFile(page, 'acme.json', GOOD);
  const diff = page.locator('.config-diff');
  await diff.locator('[data-object="Contact"][data-status="added"]').waitFor(WAIT);
  await diff.locator('[data-object="Lead"][data-status="added"]').waitFor(WAIT);
  assert.match(await page.locator('.merge-note').textContent(), /never deletes/);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('.import-progress').waitFor(WAIT);
  assert.equal((await importRequests()).length, before + 1, 'one import request');
  // INITIAL (1) → RELOAD_TABLE (3) → DATA_SYNCED; the connection leaves IMPORT_CONFIGURATION after 2.
  await emulator.advance(10);
  for (const object of ['Contact', 'Lead']) {
    await page.locator(`.import-progress tr[data-object="${object}"][data-state="DATA_SYNCED"]`).waitFor(WAIT);
  }
  await page.getByText('Import finished.').waitFor(WAIT);
  await page.getByRole('button', { name: 'Undo import' }).click();
  await page.locator('.undo-result', { hasText: 'Undone: the server\'s configuration matches the backup again.' }).waitFor(WAIT);
  assert.equal((await importRequests()).length, before + 1, 'undo of an empty backup sends no import');
}

before(async () => {
  emulator = await startEmulator();
  ext = await launchExtension({ httpsPort: emulator.httpsPort });
  await setupToImport();
});
after(async () => {
  await ext?.close();
  await emulator?.stop();
});

test('bad files dropped on the full tab show the exact message and are never sent', async () => {
  const page = await openPage(ext, 'app.html#/import', { width: 1024, height: 900 });
  await page.getByTestId('drop-zone').waitFor(WAIT);
  for (const name of BAD) {
    const want = expected[name];
    assert.ok(want, `${name} has an expected message`);
    await dropFile(page, name, fs.readFileSync(path.join(badDir, name)));
    const message = page.locator('.issue-message').filter({ hasText: want.message }).first();
    await message.waitFor(WAIT);
    assert.equal(await page.getByRole('button', { name: 'Import', exact: true }).count(), 0, name);
  }
  // A folder-like drop of two files is refused before anything is read.
  const two = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['{}'], 'a.json'));
    dt.items.add(new File(['{}'], 'b.json'));
    return dt;
  });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: two });
  await page.getByText('Drop one file at a time: 2 files were dropped.').waitFor(WAIT);
  assert.deepEqual(await importRequests(), [], 'no import request for a bad file');
  await page.close();
});

test('drag-and-drop import in the full tab: diff, import, DATA_SYNCED, undo', async () => {
  const page = await openPage(ext, 'app.html#/import', { width: 1024, height: 900 });
  await importAndUndo(page);
  const backups = await page.evaluate(() => chrome.storage.local.get(null));
  const keys = Object.keys(backups).filter((k) => k.startsWith('backups:'));
  assert.equal(keys.length, 1);
  const list = typeof backups[keys[0]] === 'string' ? JSON.parse(backups[keys[0]]) : backups[keys[0]];
  assert.equal(list.length, 1, 'one backup, taken before the import');
  assert.deepEqual(JSON.parse(list[0].document).mappings, [], 'the backup is the export before the import');
  await page.close();
});

test('drag-and-drop import in the popup, which also offers the full tab', async () => {
  const page = await openPage(ext, 'popup.html');
  await page.getByRole('heading', { name: 'Import mappings' }).waitFor(WAIT);
  await page.getByRole('button', { name: 'Open in a tab' }).waitFor(WAIT);
  await importAndUndo(page);
  // The schema lookup of an object the org lacks answers 404 by contract (unknown-object.json above);
  // Chromium logs that response. Anything else is a problem.
  const unexpected = ext.problems.filter((p) => !/Failed to load resource: .* 404 \(Not Found\)/.test(p));
  assert.deepEqual(unexpected, []);
  await page.close();
});
