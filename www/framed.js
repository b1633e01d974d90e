// The extension's pages refuse to work inside a frame. app.html is web-accessible to Heroku and
// Salesforce pages (for the Salesforce return hop), so any such page could load it in a frame and lay
// its own content over our buttons to trick a click. A framed page shows only a short message and a
// link that opens it on its own; it loads no wasm and starts nothing else.
const api = globalThis.browser ?? globalThis.chrome;

/** Whether this page is framed; if it is, the page now holds only the refusal. */
export function refuseWhenFramed() {
  if (window.top === window) return false;
  const root = document.getElementById('root');
  const text = document.createElement('p');
  text.className = 'framed';
  text.textContent = api.i18n.getMessage('framed_refused');
  const link = document.createElement('a');
  link.href = location.href;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.textContent = api.i18n.getMessage('framed_open');
  const p = document.createElement('p');
  p.append(link);
  root.replaceChildren(text, p);
  root.removeAttribute('aria-busy');
  document.documentElement.lang = api.i18n.getMessage('page_lang');
  return true;
}
