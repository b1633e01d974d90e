// Shared e2e harness: starts an emulator on free ports and Chromium with the production extension from
// dist/chrome, with the real Heroku and Salesforce host names mapped to the emulator's TLS listener.
// Nothing here sleeps: every wait is for a condition (a line on stdout, an event, a locator).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const extensionDir = process.env.CP_EXTENSION_DIR ?? path.join(root, 'dist/chrome');
export const emulatorBin = process.env.CP_EMULATOR_BIN ?? path.join(root, 'target/debug/connect-emulator');
export const artifacts = process.env.CP_ARTIFACTS ?? path.join(root, 'target/e2e');
mkdirSync(artifacts, { recursive: true });

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
  return {
    httpUrl,
    httpsPort,
    control,
    requests: async (since = 0) => (await control('GET', `requests?since=${since}`)).requests,
    state: () => control('GET', 'state'),
    advance: (ticks) => control('POST', 'advance', { ticks }),
    stop: async () => {},
  };
}

/**
 * Launches Chromium with the extension loaded. With `httpsPort`, every Heroku and Salesforce host name
 * resolves to the emulator. Console errors, page errors and CSP violations of every page are collected.
 */
export async function launchExtension({ httpsPort, locale = 'en-US' } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'cp-e2e-'));
  const args = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--lang=${locale}`,
    `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
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
    args,
  });
  const problems = [];
  // Only the extension's own pages count: the emulator's fake dashboard and Salesforce pages are not ours.
  const ours = (page) => page.url().startsWith('chrome-extension://');
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error' && ours(page)) problems.push(`console error on ${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => {
      if (ours(page)) problems.push(`page error on ${page.url()}: ${err.message}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  // CSP violations are also reported as events inside the page; record them where the test can read them.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    problems,
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
