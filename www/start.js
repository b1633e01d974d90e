// Starts a page's wasm module (`start`, which each page's loader calls), and draws the screen the page
// shows when the module dies: a Rust panic (release builds abort on panic, so nothing runs after it),
// a wasm trap, or a failed start. Plain DOM and chrome.i18n only, because Yew and the module may be
// dead by then. It says that something went wrong, offers Reload, and gives a report to copy
// (extension version, page, step, error) from which any stored token is removed. The module's panic
// hook (src/lib.rs) announces a panic with a `connect-pilot-panic` event carrying the panic message.

import { refuseWhenFramed } from './framed.js';

/** The extension API: Firefox's `browser`, else Chrome's `chrome`. */
const api = globalThis.browser ?? globalThis.chrome;
/** The event the panic hook dispatches on `window`; its `detail` is the panic message. */
const PANIC_EVENT = 'connect-pilot-panic';
/** The storage key of the token (src/browser/storage.rs): removed from every report. */
const TOKEN_KEY = 'heroku_token';
/** Longest error text a report keeps. */
const MAX_ERROR_CHARS = 2000;

let shown = false;

const text = (key, fallback) => {
  try {
    return api.i18n.getMessage(key) || fallback;
  } catch {
    return fallback;
  }
};

/** Every token this page knows: both storage areas (none when unreadable) and the token field. */
async function storedTokens() {
  const tokens = [];
  for (const area of ['session', 'local']) {
    try {
      const value = (await api.storage[area].get(TOKEN_KEY))[TOKEN_KEY];
      if (typeof value === 'string' && value) tokens.push(value);
    } catch {
      // An unreadable area holds no token this page could have shown.
    }
  }
  // A token typed but not yet stored is in the token field.
  for (const field of document.querySelectorAll('input[type=password]')) {
    if (field.value) tokens.push(field.value);
  }
  return tokens;
}

/** The report to copy, with every stored token replaced. */
async function report(error) {
  let version = '?';
  try {
    version = api.runtime.getManifest().version;
  } catch {
    // Keep '?': the report is still worth having.
  }
  const step = document.querySelector('h1')?.textContent?.trim() || '-';
  // A panic's message is text already; a trap's stack names the wasm functions it went through.
  const said = (typeof error === 'string' ? error : String(error?.stack || error?.message || error || 'unknown'))
    .slice(0, MAX_ERROR_CHARS);
  let lines = [
    `Connect Pilot ${version}`,
    `Page: ${location.pathname.split('/').pop()}${location.hash}`,
    `Step: ${step}`,
    `Browser: ${navigator.userAgent}`,
    `Error: ${said}`,
  ].join('\n');
  for (const token of await storedTokens()) lines = lines.split(token).join('[redacted]');
  return lines;
}

/** Replaces the page with the failure screen; only the first failure is shown. */
async function showFailure(error) {
  if (shown) return;
  shown = true;
  const body = await report(error);
  const root = document.getElementById('root') ?? document.body;
  const section = document.createElement('section');
  section.className = 'failure';
  section.setAttribute('role', 'alert');
  const title = document.createElement('h1');
  title.textContent = text('failure_title', 'Something went wrong');
  const what = document.createElement('p');
  what.textContent = text('failure_body', 'Connect Pilot stopped on this page. Reload it to carry on.');
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'primary';
  reload.textContent = text('failure_reload', 'Reload');
  reload.addEventListener('click', () => location.reload());
  const label = document.createElement('label');
  label.htmlFor = 'failure-report';
  label.textContent = text('failure_report', 'Report (no token in it)');
  const area = document.createElement('textarea');
  area.id = 'failure-report';
  area.readOnly = true;
  area.rows = 8;
  area.value = body;
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.textContent = text('failure_copy', 'Copy report');
  const copied = document.createElement('p');
  copied.setAttribute('role', 'status');
  copied.className = 'hint';
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(body);
      copied.textContent = text('failure_copied', 'Copied.');
    } catch {
      // Without clipboard access the text is selected for the user to copy.
      area.select();
      copied.textContent = text('failure_copy_manually', 'Select the report and copy it.');
    }
  });
  const actions = document.createElement('p');
  actions.className = 'controls';
  actions.append(reload, copy);
  section.append(title, what, actions, label, area, copied);
  root.removeAttribute('aria-busy');
  root.replaceChildren(section);
  reload.focus();
}

/** Whether an uncaught error means the module is dead: a wasm trap. */
const fatal = (error) => error instanceof WebAssembly.RuntimeError;

/**
 * Shows the failure screen on a panic (the module's event) and on a wasm trap that reaches the page
 * uncaught (from an event handler or from a promise).
 */
function watchFailures() {
  window.addEventListener(PANIC_EVENT, (e) => showFailure(String(e.detail)));
  window.addEventListener('error', (e) => {
    if (fatal(e.error)) showFailure(e.error);
  });
  window.addEventListener('unhandledrejection', (e) => {
    if (fatal(e.reason)) showFailure(e.reason);
  });
}

/**
 * Unless the page is framed (then it shows only the refusal of `framed.js`), watches for failures,
 * loads the wasm module with the glue's `init` and calls the page's `startPage` export; a failure to
 * do either shows the failure screen too.
 */
export async function start(init, startPage) {
  if (refuseWhenFramed()) return;
  watchFailures();
  try {
    await init({ module_or_path: new URL('../pkg/connect_pilot_bg.wasm', import.meta.url) });
    startPage();
  } catch (error) {
    showFailure(error);
  }
}
