// Loads the popup's own wasm module (built without the full tab's screens) and starts the popup page,
// unless it is framed (framed.js). Kept out of the HTML: the CSP forbids inline script. `start` also
// shows a failure screen, rather than a frozen page, if the module dies.
import { start } from './start.js';
import init, { start_popup } from '../pkg/connect_pilot_popup.js';

const api = globalThis.browser ?? globalThis.chrome;

await start(init, start_popup, {
  wasm: 'connect_pilot_popup_bg.wasm',
  // Both storage areas are read while the module compiles, and handed to the wasm
  // (src/browser/prefetch.rs), so the saved state is there when it starts. A failed read is
  // `undefined`: the wasm then reads storage itself.
  prepare: () => Promise.all([api.storage.session.get(null), api.storage.local.get(null)]).catch(() => undefined),
});
