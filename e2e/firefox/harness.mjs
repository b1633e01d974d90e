// Firefox harness: Debian's firefox-esr, headless, driven over WebDriver BiDi by puppeteer-core (no
// driver, no browser download), with the production dist/firefox installed as a temporary add-on.
//
// - Firefox has no --host-resolver-rules, so a tiny HTTP CONNECT proxy here takes the real Heroku and
//   Salesforce host names (a PAC file sends only those to it) and pipes them to the emulator's TLS
//   listener; the extension's code path is the production one, https to *.heroku.com.
//   `acceptInsecureCerts` accepts the emulator's throwaway certificate.
// - The add-on's internal UUID is pinned (`extensions.webextensions.uuids`), so the test knows the
//   moz-extension:// URL of each page; BiDi navigates there only with -remote-allow-system-access.
// - Manifest warnings fail the install (`extensions.webextensions.warnings-as-errors`), and Firefox
//   writes the console of every page to its own output (`devtools.console.stdout.*`): errors and
//   uncaught exceptions found there are the run's `problems`. Firefox reports CSP violations of
//   extension pages nowhere a harness can read (no console line, no event a preload script could
//   catch), so the CSP is proven here by its effect: the pages' loaders and wasm run under it.
// Nothing here sleeps: every wait is for a condition.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { herokuHost } from '../harness.mjs';

const root = path.resolve(import.meta.dirname, '../..');
/** The unpacked Firefox build (or, to install the package, its zip). */
export const firefoxDir = process.env.CP_FIREFOX_EXTENSION ?? path.join(root, 'dist/firefox');
/** The add-on id of the Firefox manifest (xtask settings) and the UUID this harness gives it. */
export const ADDON_ID = 'connect-pilot@connectpilot';
export const ADDON_UUID = '6f1c2a0e-5b7d-4c3e-9a8f-0d1e2f3a4b5c';
/** An extension page's URL, e.g. `www/popup.html`. */
export const extensionUrl = (page) => `moz-extension://${ADDON_UUID}/www/${page}`;

/** The hosts the proxy takes to the emulator: the ones Chromium's resolver rules map in the other run. */
const proxied = (host) => herokuHost(host) || host === 'salesforce.com' || host.endsWith('.salesforce.com');

/**
 * Starts an HTTP CONNECT proxy on a free port that tunnels Heroku and Salesforce host names to the
 * emulator's TLS port on 127.0.0.1 and refuses anything else. Resolves to `{ port, hosts, close }`,
 * `hosts` being every host asked for.
 */
export async function startProxy(httpsPort) {
  const hosts = [];
  const sockets = new Set();
  const server = http.createServer((req, res) => res.writeHead(405).end());
  server.on('connect', (req, client, head) => {
    const [host] = req.url.split(':');
    hosts.push(host);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (!proxied(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(httpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    hosts,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(resolve);
    }),
  };
}

/** A PAC file as a data: URL: Heroku and Salesforce hosts through the proxy, the rest direct. */
function pac(proxyPort) {
  const script = `function FindProxyForURL(url, host) {
    if (host == 'heroku.com' || dnsDomainIs(host, '.heroku.com') || dnsDomainIs(host, '.salesforce.com'))
      return 'PROXY 127.0.0.1:${proxyPort}';
    return 'DIRECT';
  }`;
  return `data:text/plain;charset=utf-8,${encodeURIComponent(script)}`;
}

/** Lines of Firefox's output that are a problem on an extension page. */
const PROBLEM = /^(?:console\.error: |JavaScript error: moz-extension:)|Reading manifest: (?:Warning|Error)/;
/**
 * Firefox's privileged code printing, with no source, that a window actor could not send because
 * its page was closing or navigating: the browser's teardown, not an error of the extension's pages
 * (those print `JavaScript error: moz-extension:…` or a console error with their own location).
 */
const TEARDOWN = /^console\.error: \(new InvalidStateError\("JSWindowActorChild\.sendAsyncMessage: JSWindowActorChild cannot send at the moment", \(void 0\), \d+\)\)$/;

/**
 * Launches firefox-esr headless with the emulator's host names behind the proxy (with `httpsPort`) and
 * installs `addon` (a folder or a zip) as a temporary add-on. Returns `{ browser, problems, output,
 * open, close }`; `problems` collects the console errors, uncaught exceptions and manifest warnings
 * Firefox printed.
 */
export async function launchFirefox({ httpsPort, addon = firefoxDir } = {}) {
  const proxy = httpsPort ? await startProxy(httpsPort) : null;
  const prefs = {
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
    'extensions.webextensions.warnings-as-errors': true,
    'devtools.console.stdout.content': true,
    'devtools.console.stdout.chrome': true,
  };
  if (proxy) {
    prefs['network.proxy.type'] = 2;
    prefs['network.proxy.autoconfig_url'] = pac(proxy.port);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.CP_FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: prefs,
  });
  const output = [];
  const problems = [];
  let partial = '';
  const read = (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    for (const line of lines) {
      output.push(line);
      // The remote agent (the driver inside Firefox) logs its own slips; they are not the extension's.
      // Nor is TEARDOWN: Firefox's own messaging, refused while a page goes away (seen once in a
      // clean-clone run, and not again in 14 runs, 6 of them with both cores loaded).
      if (PROBLEM.test(line) && !line.includes('chrome://remote/') && !TEARDOWN.test(line)) problems.push(line);
    }
  };
  browser.process().stdout.on('data', read);
  browser.process().stderr.on('data', read);
  try {
    const id = await browser.installExtension(addon);
    assert.equal(id, ADDON_ID);
  } catch (e) {
    await browser.close();
    await proxy?.close();
    throw e;
  }
  return {
    browser,
    problems,
    output,
    proxy,
    /** Opens an extension page (`popup.html`, `options.html` …) in a new tab once it has rendered. */
    open: (page, size) => openExtensionPage(browser, page, size),
    close: async () => {
      await browser.close();
      await proxy?.close();
    },
  };
}

/**
 * Opens `www/<page>` in a new tab and waits until the Yew app has rendered into `#root`. Firefox moves
 * the tab into the extension process on the way, and BiDi reports that as the old frame detaching, so
 * the navigation itself is not awaited: the page's own state is.
 */
export async function openExtensionPage(browser, page, { width = 380, height = 600 } = {}) {
  const tab = await browser.newPage();
  await tab.setViewport({ width, height });
  const url = extensionUrl(page);
  tab.goto(url).catch(() => {});
  await until(tab, (u) => location.href === u && document.querySelector('#root > *'), url, { what: `${page} to render` });
  return tab;
}

/** What a page shows, for a failed wait's message: its URL, title and any error banner. */
const shows = (tab) => tab.evaluate(() => JSON.stringify({
  url: location.href,
  h1: document.querySelector('h1')?.textContent,
  alert: [...document.querySelectorAll('[role="alert"], .error')].map((e) => e.textContent.trim()).join(' | '),
})).catch((e) => `(page unreadable: ${e.message})`);

/**
 * `tab.waitForFunction`, whose timeout names what was awaited and what the page showed instead. A
 * page that moves into the extension process mid-wait leaves BiDi's wait in the old document, where
 * it either fails (a protocol error) or never hears of the new one; so each try is short and the wait
 * starts again, in whatever document the tab shows then, until the deadline.
 */
export async function until(tab, fn, arg, { timeout = 20_000, what = 'a condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const left = deadline - Date.now();
    try {
      return await tab.waitForFunction(fn, { polling: 100, timeout: Math.max(Math.min(left, 2_000), 1) }, arg);
    } catch (e) {
      if (Date.now() < deadline) continue;
      throw new Error(`waiting for ${what}: ${e.message}; the page shows ${await shows(tab)}`);
    }
  }
}

/** Waits until an enabled element matching `selector` has exactly `text` (trimmed); returns it. */
export async function byText(tab, selector, text, { timeout = 20_000 } = {}) {
  const handle = await until(
    tab,
    ([sel, want]) => [...document.querySelectorAll(sel)].find((el) => el.textContent.trim() === want && !el.disabled),
    [selector, text],
    { timeout, what: `${selector} "${text}"` },
  );
  return handle.asElement();
}

/** Clicks the enabled button whose text is `text`, once there is one. */
export async function clickButton(tab, text, options) {
  const button = await byText(tab, 'button', text, options);
  await button.click();
}

/** Waits until the page's title (its `h1`) is `text`. */
export const onHeading = (tab, text, options) => byText(tab, 'h1', text, options);

/** The input labelled `text` (a `<label for>`), once there is one. */
export async function byLabel(tab, text, options) {
  const label = await byText(tab, 'label', text, options);
  const id = await label.evaluate((l) => l.htmlFor);
  return tab.waitForSelector(`#${id}`);
}
