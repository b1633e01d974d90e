// The popup page of the production build renders its first screen in the browser's language with no
// console error, no CSP violation and no axe finding, fits a popup and a 360 px screen, and a
// screenshot of it is kept for the README and for review. The other pages get the same checks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchExtension, openPage, cspViolations, artifacts } from './harness.mjs';
import { audit, checkScreen, fitsPopup } from './checks.mjs';
import { msg, englishMsg, lang } from './messages.mjs';

let ext;
before(async () => {
  ext = await launchExtension();
});
after(async () => {
  try {
    await audit(ext);
  } finally {
    await ext?.close();
  }
});

test('popup renders the token step without errors, in the browser language', async () => {
  const tab = await openPage(ext, 'popup.html');
  await tab.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await tab.getByRole('heading', { level: 1 }).textContent(), msg('step_token'));
  assert.equal(await tab.locator('.step-count').textContent(), msg('stepOf', '1', '8'));
  assert.equal(await tab.getByLabel(msg('tokenLabel')).getAttribute('type'), 'password');
  // A build that ignored the browser language would show English here and still find every
  // element, if the two languages shared the text; they must not.
  assert.equal(await tab.evaluate(() => chrome.i18n.getUILanguage().split('-')[0]), lang);
  // The page declares the language it is shown in, for screen readers.
  assert.equal(await tab.evaluate(() => document.documentElement.lang), lang);
  if (lang !== 'en') {
    for (const key of ['step_token', 'tokenLabel', 'tokenContinue']) assert.notEqual(msg(key), englishMsg(key), key);
  }
  await checkScreen(tab, 'popup: token step', { dark: true, narrow: true });
  await fitsPopup(tab, 'token step');
  await tab.screenshot({ path: path.join(artifacts, 'popup.png') });
  assert.deepEqual(await cspViolations(tab), []);
  assert.deepEqual(ext.problems, []);
});

test('the extension has no errors on its own pages', async () => {
  for (const page of ['app.html', 'app.html#/import', 'options.html']) {
    const tab = await openPage(ext, page, { width: 1024, height: 768 });
    await checkScreen(tab, page, { dark: true, narrow: true });
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
