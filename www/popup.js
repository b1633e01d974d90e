// Loads the wasm module and starts the popup page,
// unless it is framed (framed.js). Kept out of the HTML: the CSP forbids inline script.
import init, { start_popup } from '../pkg/connect_pilot.js';
import { refuseWhenFramed } from './framed.js';

if (!refuseWhenFramed()) {
  await init({ module_or_path: new URL('../pkg/connect_pilot_bg.wasm', import.meta.url) });
  start_popup();
}
