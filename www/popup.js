// Loads the popup's own wasm module (built without the full tab's screens) and starts the popup page,
// unless it is framed (framed.js). Kept out of the HTML: the CSP forbids inline script.
import init, { start_popup } from '../pkg/connect_pilot_popup.js';
import { refuseWhenFramed } from './framed.js';

const api = globalThis.browser ?? globalThis.chrome;

if (!refuseWhenFramed()) {
  // Both storage areas are read while the module compiles, and handed to the wasm
  // (src/browser/prefetch.rs), so the saved state is there when it starts. A failed read is
  // `undefined`: the wasm then reads storage itself.
  const storage = Promise.all([api.storage.session.get(null), api.storage.local.get(null)])
    .catch(() => undefined);
  await init({ module_or_path: new URL('../pkg/connect_pilot_popup_bg.wasm', import.meta.url) });
  start_popup(storage);
}
