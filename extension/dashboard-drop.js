// Connect Pilot content script on https://dashboard.heroku.com/apps/<app>/…: a drop target for a
// Heroku Connect mapping file, because a toolbar popup closes as soon as a file manager takes focus.
//
// It leaves the page alone until a drag that carries files enters it: only then does it add one host
// element (its content in a shadow root, so the page's CSS cannot reach inside; the root is open,
// since it holds only this message and the app's own name, and tests read it), and it
// removes it again when the drag leaves or the file is dropped. A dropped file is checked here only
// for what needs no parsing (one file, JSON by name or type, at most MAX_BYTES) and handed to the
// service worker, which keeps it in storage.session and opens the extension's full-tab import, where
// it is validated and diffed; nothing is imported before the user confirms there. This script sees
// no token, sends no network request, and needs no permission beyond the manifest's host permission.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;

  // config::MAX_FILE_BYTES, from constants.js (which the manifest loads first).
  const MAX_BYTES = globalThis.CP.maxDropBytes;

  // The same rule as flow::app_url::valid_app_name.
  const APP_NAME = /^[a-z][a-z0-9-]{1,29}$/;
  const appOf = (path) => {
    const name = decodeURIComponent(path.split('/')[2] ?? '');
    return path.startsWith('/apps/') && APP_NAME.test(name) && !name.endsWith('-') ? name : null;
  };

  const t = (key, subs) => api.i18n.getMessage(key, subs);

  const CSS = `
    :host { all: initial; }
    .veil { position: fixed; inset: 0; z-index: 2147483647; display: flex; align-items: center;
      justify-content: center; background: rgba(20, 24, 36, 0.55); font: 16px/1.5 system-ui, sans-serif; }
    .card { max-width: 28em; margin: 16px; padding: 24px 28px; border: 3px dashed #79589f; border-radius: 12px;
      background: #fff; color: #1d1d1f; text-align: center; box-shadow: 0 8px 32px rgba(0, 0, 0, 0.3); }
    .card.refused { border-style: solid; border-color: #c62828; }
    .title { margin: 0 0 4px; font-size: 13px; font-weight: 600; color: #5a3f80; letter-spacing: 0.02em; }
    p { margin: 0; }
    button { margin-top: 16px; font: inherit; padding: 6px 16px; border-radius: 6px; border: 1px solid #79589f;
      background: #79589f; color: #fff; cursor: pointer; }
    button:focus-visible { outline: 3px solid #1d1d1f; outline-offset: 2px; }
    @media (prefers-color-scheme: dark) {
      .card { background: #1f2230; color: #eef; }
      .title { color: #c7b3e8; }
      button:focus-visible { outline-color: #eef; }
    }`;

  /** The overlay while it is shown: its host element and the card's parts. */
  let overlay = null;

  function show(app) {
    if (overlay) return overlay;
    const host = document.createElement('connect-pilot-drop');
    // Set through the CSSOM, which a page's style-src policy does not govern (a style attribute would be).
    host.style.setProperty('all', 'initial', 'important');
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    const veil = document.createElement('div');
    veil.className = 'veil';
    const card = document.createElement('div');
    card.className = 'card';
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-live', 'polite');
    const title = document.createElement('p');
    title.className = 'title';
    title.textContent = t('extName');
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = t('dashboard_drop_prompt', [app]);
    card.append(title, text);
    veil.append(card);
    root.append(veil);
    // Outside <body>, so the page's own content stays exactly as it was.
    document.documentElement.append(host);
    overlay = { host, root, card, text };
    return overlay;
  }

  function hide() {
    overlay?.host.remove();
    overlay = null;
    document.removeEventListener('keydown', onKey, true);
  }

  function onKey(e) {
    if (e.key === 'Escape') hide();
  }

  /** Turns the overlay into a refusal the user dismisses (button, click outside the card, Escape). */
  function refuse(app, message) {
    const o = show(app);
    o.card.classList.add('refused');
    o.card.setAttribute('role', 'alertdialog');
    o.text.textContent = message;
    o.text.setAttribute('data-refusal', '');
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = t('dashboard_drop_close');
    close.addEventListener('click', hide);
    o.card.append(close);
    o.root.querySelector('.veil').addEventListener('click', (e) => {
      if (e.target === e.currentTarget) hide();
    });
    document.addEventListener('keydown', onKey, true);
    close.focus();
  }

  const carriesFiles = (e) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  const isJson = (file) => /\.json$/i.test(file.name) || file.type === 'application/json';

  function base64(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    // In slices: String.fromCharCode takes its arguments on the stack.
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  async function dropped(app, files) {
    if (files.length !== 1) return refuse(app, t('dashboard_drop_one_file'));
    const file = files[0];
    if (!isJson(file)) return refuse(app, t('dashboard_drop_not_json', [file.name]));
    if (file.size > MAX_BYTES) {
      return refuse(app, t('dashboard_drop_too_large', [file.name, String(MAX_BYTES / (1024 * 1024))]));
    }
    try {
      const data = base64(await file.arrayBuffer());
      const answer = await api.runtime.sendMessage({ type: 'dashboard-drop', app, name: file.name, data });
      if (!answer?.ok) return refuse(app, t('dashboard_drop_failed', [answer?.error ?? '']));
      hide();
    } catch (e) {
      refuse(app, t('dashboard_drop_failed', [String(e?.message ?? e)]));
    }
  }

  // Capture-phase listeners on the window: they see the drag before the page's own handlers, and
  // they do nothing at all for drags without files (text, links, the page's own drag-and-drop).
  window.addEventListener('dragenter', (e) => {
    const app = appOf(location.pathname);
    if (!app || !carriesFiles(e)) return;
    e.preventDefault();
    // A new drag replaces the refusal of the last one.
    if (overlay?.card.classList.contains('refused')) hide();
    show(app);
  }, true);
  window.addEventListener('dragover', (e) => {
    if (!overlay || !carriesFiles(e)) return;
    // Without this the browser would open the file in place of the dashboard.
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, true);
  window.addEventListener('dragleave', (e) => {
    // Moving between elements fires dragleave too; only leaving the window has no related target.
    if (overlay && !e.relatedTarget && !overlay.card.classList.contains('refused')) hide();
  }, true);
  window.addEventListener('drop', (e) => {
    const app = appOf(location.pathname);
    if (!overlay || !app || !carriesFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    dropped(app, Array.from(e.dataTransfer.files));
  }, true);
})();
