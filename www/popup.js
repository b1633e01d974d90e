// Loads the wasm module and starts the popup page. Kept out of the HTML: the CSP forbids inline script.
import init, { start_popup } from '../pkg/connect_pilot.js';

await init({ module_or_path: new URL('../pkg/connect_pilot_bg.wasm', import.meta.url) });
start_popup();
