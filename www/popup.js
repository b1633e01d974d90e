// Loads the popup's own wasm module (built without the full tab's screens) and starts the popup page,
// unless it is framed (framed.js). Kept out of the HTML: the CSP forbids inline script.
import init, { start_popup } from '../pkg/connect_pilot_popup.js';
import { refuseWhenFramed } from './framed.js';

if (!refuseWhenFramed()) {
  await init({ module_or_path: new URL('../pkg/connect_pilot_popup_bg.wasm', import.meta.url) });
  start_popup();
}
