// Loads the wasm module and starts the options page. Kept out of the HTML: the CSP forbids inline script.
import init, { start_options } from '../pkg/connect_pilot.js';

await init({ module_or_path: new URL('../pkg/connect_pilot_bg.wasm', import.meta.url) });
start_options();
