// Shared e2e harness: starts an emulator on free ports and Chromium with the production extension from
// dist/chrome, with the real Heroku and Salesforce host names mapped to the emulator's TLS listener.
// Every launched browser records what the suite-wide checks of checks.mjs need (requests with their
// Authorization header, console output, downloads, the token showing up in a page).
// Nothing here sleeps: every wait is for a condition (a line on stdout, an event, a locator).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium } from 'playwright-core';
import { lang, locale as runLocale } from './messages.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const extensionDir = process.env.CP_EXTENSION_DIR ?? path.join(root, 'dist/chrome');
export const emulatorBin = process.env.CP_EMULATOR_BIN ?? path.join(root, 'target/debug/connect-emulator');
/** Screenshots and downloads of this run, one folder per language. */
export const artifacts = process.env.CP_ARTIFACTS ?? path.join(root, 'target/e2e', lang);
mkdirSync(artifacts, { recursive: true });

/** The tokens the suite signs in with: none of them may leave *.heroku.com or show up anywhere. */
export const TOKENS = ['demo-token', 'outsider-token'];

/** Starts `connect-emulator` on ephemeral HTTP and HTTPS ports and resolves once both listen. */
export async function startEmulator({ seed = 'demo', args = [] } = {}) {
  const child = spawn(emulatorBin, ['--http', '127.0.0.1:0', '--https', '127.0.0.1:0', '--seed', seed, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout });
  const found = {};
  await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`emulator exited early with ${code}`)));
    lines.on('line', (line) => {
      const m = line.match(/^connect-emulator: (https?) listening on (\S+)$/);
      if (m) found[m[1]] = m[2];
      if (found.http && found.https) resolve();
    });
  });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  return { ...emulatorAt(found.http, Number(new URL(found.https).port)), stop };
}

/** Control handle for an emulator that is already running (e.g. the one `cargo xtask demo` started). */
export function emulatorAt(httpUrl, httpsPort) {
  const control = async (method, route, body) => {
    const res = await fetch(`${httpUrl}/_emulator/${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`control ${method} ${route}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  const directCalls = [];
  /**
   * A call of the spec's own, with the demo token, straight to the emulator's plain-HTTP origin (the
   * emulator's one-origin mode). `audit` allows exactly these in the emulator's log and nothing more.
   */
  const direct = async (method, route, body) => {
    directCalls.push({ method, path: route.split('?')[0] });
    return fetch(`${httpUrl}${route}`, {
      method,
      headers: {
        Authorization: 'Bearer demo-token',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body,
    });
  };
  return {
    httpUrl,
    httpsPort,
    control,
    direct,
    directCalls,
    requests: async (since = 0) => (await control('GET', `requests?since=${since}`)).requests,
    state: () => control('GET', 'state'),
    advance: (ticks) => control('POST', 'advance', { ticks }),
    stop: async () => {},
  };
}

/** A Heroku host: the only place a token may go. */
export const herokuHost = (host) => host === 'heroku.com' || host.endsWith('.heroku.com');

/**
 * Launches Chromium with the extension loaded, in this run's language (`CP_LOCALE`). With `httpsPort`,
 * every Heroku and Salesforce host name resolves to the emulator. Console errors, page errors and CSP
 * violations of the extension's pages are collected in `problems`; `record` keeps what `audit` checks.
 * `dir` loads another unpacked extension than this run's (the benchmark's floor reference).
 */
export async function launchExtension({ httpsPort, locale = runLocale, watchDom = true, dir = extensionDir } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'cp-e2e-'));
  const args = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--lang=${locale}`,
    `--disable-extensions-except=${dir}`, `--load-extension=${dir}`,
  ];
  if (httpsPort) {
    args.push(
      `--host-resolver-rules=MAP *.heroku.com 127.0.0.1:${httpsPort}, MAP heroku.com 127.0.0.1:${httpsPort}, ` +
        `MAP *.salesforce.com 127.0.0.1:${httpsPort}, EXCLUDE localhost`,
      '--ignore-certificate-errors',
    );
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CP_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    locale,
    acceptDownloads: true,
    args,
  });
  const problems = [];
  const record = { requests: [], pending: [], console: [], downloads: [], domLeaks: [] };
  // Only the extension's own pages count: the emulator's fake dashboard and Salesforce pages are not ours.
  const ours = (page) => page.url().startsWith('chrome-extension://');
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error' && ours(page)) problems.push(`console error on ${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => {
      if (ours(page)) problems.push(`page error on ${page.url()}: ${err.message}`);
    });
    // Every file a page saves is read by `audit`: exports and backups must not hold the token.
    page.on('download', (download) => {
      record.downloads.push(
        download.path().then((file) => ({ name: download.suggestedFilename(), file, from: page.url() })),
      );
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  // Console output of every page (ours or not) and of the service worker; the sentinel's reports
  // (below) arrive this way too and are kept apart.
  const onConsole = (where) => (msg) => {
    const text = msg.text();
    if (text.startsWith('cp-audit: ')) record.domLeaks.push(text);
    else record.console.push({ where: where(msg), type: msg.type(), text });
  };
  context.on('console', onConsole((msg) => msg.page()?.url() ?? 'page'));
  // Every request of every page and of the service worker, with its Authorization header if any.
  context.on('request', (req) => {
    record.pending.push(
      req.allHeaders().then(
        (h) => record.requests.push({ url: req.url(), method: req.method(), authorization: h.authorization }),
        () => record.requests.push({ url: req.url(), method: req.method(), authorization: undefined }),
      ),
    );
  });
  // CSP violations are also reported as events inside the page; record them where the test can read them.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  if (watchDom) {
    // A sentinel in each extension page: whatever is added to the DOM (nodes, text, attributes) is
    // searched for a token, so a token that shows only for a moment (a banner later dismissed, a page
    // later closed) is caught too. It reports without the token itself.
    await context.addInitScript((tokens) => {
      if (location.protocol !== 'chrome-extension:') return;
      const hit = (text) => typeof text === 'string' && tokens.some((t) => text.includes(t));
      const report = (where) => console.warn(`cp-audit: a token appeared in ${location.pathname}${location.hash} (${where})`);
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'attributes' && hit(r.target.getAttribute(r.attributeName))) {
            report(`attribute ${r.attributeName} of <${r.target.localName}>`);
          } else if (r.type === 'characterData' && hit(r.target.data)) {
            report('text');
          }
          for (const node of r.addedNodes ?? []) {
            if (hit(node.nodeType === Node.ELEMENT_NODE ? node.outerHTML : node.textContent)) {
              report(`inside <${node.localName ?? '#text'}>`);
            }
          }
        }
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    }, TOKENS);
  }
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  worker.on('console', onConsole(() => 'service worker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    problems,
    record,
    url: (page) => `chrome-extension://${extensionId}/www/${page}`,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens an extension page in a new tab and waits until the Yew app has rendered into `#root`. */
export async function openPage(ext, page, { width = 380, height = 600 } = {}) {
  const tab = await ext.context.newPage();
  await tab.setViewportSize({ width, height });
  await tab.goto(ext.url(page));
  await tab.locator('#root > *').first().waitFor();
  return tab;
}

/** CSP violations seen by a page. */
export const cspViolations = (tab) => tab.evaluate(() => window.__cspViolations ?? []);

/**
 * Waits until the extension's storage satisfies `test`, run in the page on `{ session, local, raw }`:
 * each area's items (JSON texts parsed), and both areas as one text. It reads at once, then again
 * on every storage change: no polling. Fails after `timeout` ms with `what`.
 *
 * (`page.waitForFunction` would not do: it takes the promise an async predicate returns for a truthy
 * answer, so a wait on storage would pass at once whatever storage holds.)
 */
export async function untilStorage(page, test, what, { timeout = 15_000 } = {}) {
  const met = await page.evaluate(`new Promise((resolve) => {
    const test = ${test.toString()};
    const parse = (items) => Object.fromEntries(Object.entries(items).map(([k, v]) => {
      try { return [k, typeof v === 'string' ? JSON.parse(v) : v]; } catch { return [k, v]; }
    }));
    const deadline = setTimeout(() => { chrome.storage.onChanged.removeListener(check); resolve(false); }, ${timeout});
    async function check() {
      const [session, local] = await Promise.all([chrome.storage.session.get(null), chrome.storage.local.get(null)]);
      if (test({ session: parse(session), local: parse(local), raw: JSON.stringify([session, local]) })) {
        clearTimeout(deadline);
        chrome.storage.onChanged.removeListener(check);
        resolve(true);
      }
    }
    chrome.storage.onChanged.addListener(check);
    check();
  })`);
  if (!met) throw new Error(`storage never showed ${what} within ${timeout} ms`);
}
