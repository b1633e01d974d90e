// The checks every spec runs on what it reaches: axe-core (WCAG 2.x A/AA) on each screen, in light and
// dark; no sideways scrolling at 360 px and a popup within 800 × 600; and `audit`, the suite-wide
// security checks over what the harness recorded for a browser (where the token went, console,
// DOM, downloads, CSP). Each fails with what it found, so a report says what to fix.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TOKENS, herokuHost, cspViolations } from './harness.mjs';

/**
 * Where a token shows in an extension page right now: its text, its markup with each password
 * input left out (the token's own field), and the value of every other form field.
 */
export const tokenInDom = (tab) =>
  tab.evaluate((tokens) => {
    const found = [];
    const hit = (text) => tokens.some((t) => text.includes(t));
    let html = document.documentElement.outerHTML;
    for (const input of document.querySelectorAll('input[type=password]')) html = html.replace(input.outerHTML, '');
    if (hit(html)) found.push('markup');
    if (hit(document.body?.innerText ?? '')) found.push('text');
    for (const field of document.querySelectorAll('input:not([type=password]), textarea, select')) {
      if (hit(field.value ?? '')) found.push(`value of #${field.id || field.localName}`);
    }
    return found;
  }, TOKENS);

const axeSource = readFileSync(path.resolve(import.meta.dirname, '../node_modules/axe-core/axe.min.js'), 'utf8');
/** The WCAG 2.0, 2.1 and 2.2 success criteria of levels A and AA. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Runs axe-core (WCAG 2.x A and AA) on the screen `tab` shows now and asserts it finds nothing; with
 * `dark`, once more under `prefers-color-scheme: dark`. The screen is also searched for the token.
 * axe is evaluated through the DevTools protocol, which the extension's CSP does not govern, so no
 * script is added to the page.
 */
export async function axeCheck(tab, label, { dark = false } = {}) {
  if (!(await tab.evaluate(() => typeof window.axe === 'object'))) await tab.evaluate(axeSource);
  for (const scheme of dark ? ['light', 'dark'] : ['light']) {
    await tab.emulateMedia({ colorScheme: scheme });
    const violations = await tab.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => r.violations.map((v) => ({
          id: v.id,
          help: v.help,
          nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ')})` : ''}`),
        }))),
      WCAG_AA,
    );
    const text = violations.map((v) => `${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n  ');
    assert.equal(violations.length, 0, `axe on "${label}" (${scheme}):\n  ${text}`);
  }
  await tab.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual(await tokenInDom(tab), [], `a token shows on "${label}"`);
}

/**
 * Asserts the screen has no horizontal scrolling at `width` CSS pixels and no text squeezed into a
 * column one character wide (`charPerLine`), then restores the viewport.
 */
export async function fitsWidth(tab, label, width = 360) {
  const before = tab.viewportSize();
  await tab.setViewportSize({ width, height: before?.height ?? 600 });
  const { scroll, culprits } = await tab.evaluate((w) => {
    // The outermost elements that stick out (their parent does not), leaving out those inside a
    // box that scrolls on its own.
    const out = (el) => el.getBoundingClientRect().right > w + 0.5;
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => out(el) && !out(el.parentElement) && !clipped(el))
      .slice(0, 5)
      .map((el) => `<${el.localName}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''}> ${Math.round(el.getBoundingClientRect().right)} px`);
    return { scroll: document.documentElement.scrollWidth, culprits };
  }, width);
  const squeezed = await charPerLine(tab);
  if (before) await tab.setViewportSize(before);
  assert.ok(scroll <= width, `"${label}" scrolls sideways at ${width} px: its content is ${scroll} px wide (${culprits.join(', ')})`);
  assert.deepEqual(squeezed, [], `"${label}" at ${width} px breaks text into one character per line`);
}

/**
 * The visible elements whose own text (2 characters or more) stands in a column narrower than 2em
 * and taller than 3 lines: a heading or caption broken one character per line, which Japanese,
 * having no spaces, shows wherever a box shrinks to its narrowest.
 */
export const charPerLine = (tab) =>
  tab.evaluate(() => [...document.body.querySelectorAll('*')]
    .filter((el) => {
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join('').trim();
      if ([...own].length < 2 || !el.checkVisibility()) return false;
      // Text kept for screen readers only sits in a 1 px box that clips it: nobody sees it.
      for (let p = el; p && p !== document.body; p = p.parentElement) {
        const r = p.getBoundingClientRect();
        if ((r.width <= 1 || r.height <= 1) && getComputedStyle(p).overflow !== 'visible') return false;
      }
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      const line = parseFloat(style.lineHeight) || size * 1.2;
      const box = el.getBoundingClientRect();
      return box.height > 3 * line && box.width < 2 * size;
    })
    .slice(0, 5)
    .map((el) => `<${el.localName}> "${el.textContent.trim().slice(0, 20)}" ${Math.round(el.getBoundingClientRect().width)} px wide`));

/**
 * The suite-wide security checks over everything `ext` recorded (issue #7):
 * - no request carrying the token left https://heroku.com / https://*.heroku.com (or the emulator
 *   origin `emulatorOrigin`, when the spec enabled one in the options), as the browser saw it and as
 *   the emulator logged it, besides the spec's own `emu.direct` calls; both agree on the hosts; no
 *   URL carried the token;
 * - the token is in no console message of any page or of the service worker, in no extension page's
 *   DOM (now, or at any moment: the sentinel), and in no downloaded file;
 * - no extension page open now saw a CSP violation.
 * With `tokenUsed`, the browser must have sent the token at least once, so the check is not void.
 * Returns the emulator's request log.
 */
export async function audit(ext, { emu, tokenUsed = false, emulatorOrigin } = {}) {
  const { record } = ext;
  // Header lookups finish asynchronously and new requests may still be arriving.
  for (let n = -1; n !== record.pending.length;) {
    n = record.pending.length;
    await Promise.all(record.pending);
  }
  const hasToken = (text) => TOKENS.some((t) => String(text).includes(t));
  const enabled = emulatorOrigin ? new URL(emulatorOrigin) : null;
  const bare = (host) => host.split(':')[0];
  const allowedUrl = (u) => {
    const url = new URL(u);
    return (url.protocol === 'https:' && herokuHost(url.hostname)) || url.origin === enabled?.origin;
  };
  const authorized = record.requests.filter((r) => r.authorization !== undefined);
  if (tokenUsed) assert.ok(authorized.length > 0, 'the browser sent no token: the host check would be void');
  assert.deepEqual(authorized.filter((r) => !allowedUrl(r.url)).map((r) => r.url), [],
    'a browser request with Authorization went outside https://*.heroku.com');
  assert.deepEqual(record.requests.filter((r) => hasToken(r.url)).map((r) => r.url), [], 'a URL carried the token');

  let log = [];
  if (emu) {
    log = await emu.requests();
    assert.ok(!hasToken(JSON.stringify(log)), "the emulator's request log holds a token");
    const unmatched = [...emu.directCalls];
    const directHost = new URL(emu.httpUrl).hostname;
    const ownCall = (r) => {
      if (bare(r.host) !== directHost) return false;
      const i = unmatched.findIndex((d) => d.method === r.method && d.path === r.path);
      if (i !== -1) unmatched.splice(i, 1);
      return i !== -1;
    };
    const sent = log.filter((r) => r.auth_present && !ownCall(r));
    const allowedHost = (host) => herokuHost(bare(host)) || bare(host) === enabled?.hostname;
    assert.deepEqual(sent.filter((r) => !allowedHost(r.host)).map((r) => `${r.method} ${r.host}${r.path}`), [],
      'the emulator saw the token outside *.heroku.com');
    for (const r of log.filter((r) => r.service === 'salesforce')) {
      assert.equal(r.auth_present, false, `Salesforce request ${r.path} carried the token`);
    }
    // Both views agree: the hosts the browser sent the token to are the hosts the emulator saw it on.
    const browserHosts = [...new Set(authorized.map((r) => new URL(r.url).hostname))].sort();
    const emulatorHosts = [...new Set(sent.map((r) => bare(r.host)))].sort();
    assert.deepEqual(browserHosts, emulatorHosts, 'browser and emulator disagree on where the token went');
  }

  const logged = record.console.filter((m) => hasToken(m.text));
  assert.deepEqual(logged.map((m) => `${m.where}: ${m.type}`), [], 'a token was written to the console');
  assert.deepEqual(record.domLeaks, [], 'a token appeared in an extension page');
  const files = await Promise.all(record.downloads);
  for (const { name, file, from } of files) {
    assert.ok(file, `the download ${name} from ${from} failed`);
    assert.ok(!hasToken(readFileSync(file, 'utf8')), `the downloaded file ${name} holds a token`);
  }
  const pages = ext.context.pages().filter((t) => t.url().startsWith('chrome-extension://'));
  for (const tab of pages) {
    assert.deepEqual(await tokenInDom(tab), [], `a token shows on ${tab.url()}`);
    assert.deepEqual(await cspViolations(tab), [], `CSP violations on ${tab.url()}`);
  }
  const hosts = [...new Set(authorized.map((r) => new URL(r.url).hostname))];
  console.log(`audit: ${authorized.length} of ${record.requests.length} requests carried a token, to ${hosts.join(', ') || 'no host'}; ` +
    `${record.console.length} console messages, ${files.length} downloads, ${pages.length} open pages searched`);
  return log;
}

/**
 * `axeCheck` plus, with `narrow`, `fitsWidth` at 360 px: what each screen a spec reaches gets. A
 * popup screen is 360 px wide whatever the window, so its text is always checked for being broken
 * one character per line.
 */
export async function checkScreen(tab, label, { dark = false, narrow = false } = {}) {
  await axeCheck(tab, label, { dark });
  if (narrow) await fitsWidth(tab, label);
  else if (new URL(tab.url()).pathname.endsWith('/popup.html')) {
    assert.deepEqual(await charPerLine(tab), [], `"${label}" breaks text into one character per line`);
  }
}

/**
 * Asserts a popup.html screen fits the 800 × 600 a browser popup can have: its body box within it,
 * and nothing wider than 800 px (taller content scrolls inside the popup).
 */
export async function fitsPopup(tab, label) {
  const box = await tab.evaluate(() => {
    const r = document.body.getBoundingClientRect();
    return { width: r.width, height: r.height, scroll: document.documentElement.scrollWidth };
  });
  assert.ok(box.width <= 800 && box.height <= 600, `the popup body of "${label}" is ${box.width} × ${box.height} px`);
  assert.ok(box.scroll <= 800, `"${label}" is ${box.scroll} px wide`);
}

/** The `after` hook of a spec that used the token against `emu`: the audit, then both shut down. */
export async function auditAndClose(ext, emu) {
  try {
    await audit(ext, { emu, tokenUsed: true });
  } finally {
    await ext?.close();
    await emu?.stop();
  }
}
