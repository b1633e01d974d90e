// The popup page of the production build renders its first screen with no console error and no CSP
// violation, and a screenshot of it is kept for the README and for review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchExtension, openPage, cspViolations, artifacts } from './harness.mjs';

let ext;
before(async () => {
  ext = await launchExtension();
});
after(async () => {
  await ext?.close();
});

test('popup renders the token step without errors', async () => {
  const tab = await openPage(ext, 'popup.html');
  await tab.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await tab.getByRole('heading', { level: 1 }).textContent(), 'Heroku token');
  assert.match(await tab.locator('.step-count').textContent(), /Step 1 of 8/);
  assert.equal(await tab.getByLabel('Heroku API token').getAttribute('type'), 'password');
  await tab.screenshot({ path: path.join(artifacts, 'popup.png') });
  assert.deepEqual(await cspViolations(tab), []);
  assert.deepEqual(ext.problems, []);
});

test('the extension has no errors on its own pages', async () => {
  for (const page of ['app.html', 'options.html']) {
    const tab = await openPage(ext, page, { width: 1024, height: 768 });
    assert.deepEqual(await cspViolations(tab), [], page);
    await tab.close();
  }
  assert.deepEqual(ext.problems, []);
});

test('chrome://extensions reports no manifest, install or runtime error', async () => {
  const tab = await ext.context.newPage();
  await tab.goto(`chrome://extensions/?id=${ext.extensionId}`);
  // The extensions page itself may call developerPrivate; it is the same data its "Errors" button shows.
  const info = await tab.evaluate(
    (id) => new Promise((resolve) => chrome.developerPrivate.getExtensionInfo(id, resolve)),
    ext.extensionId,
  );
  assert.equal(info.state, 'ENABLED');
  assert.deepEqual(info.manifestErrors, []);
  assert.deepEqual(info.installWarnings, []);
  assert.deepEqual(info.runtimeErrors, []);
  await tab.close();
});
