// Connect Pilot service worker (Firefox runs the same file as an event page).
// On first install it opens the full-tab page, where the guided setup has room to explain the token.
const api = globalThis.browser ?? globalThis.chrome;

api.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') {
    api.tabs.create({ url: api.runtime.getURL('www/app.html#/welcome') });
  }
});
