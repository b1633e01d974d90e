// Loads the wasm module and starts the popup page. Kept out of the HTML: the CSP forbids inline script.
// Failures are watched first, so a module that dies (a panic, a trap, a failed start) shows a screen
// that says so rather than a frozen page.
import { watchFailures } from './failure.js';
import init, { start_popup } from '../pkg/connect_pilot.js';

const fail = watchFailures();
try {
  await init({ module_or_path: new URL('../pkg/connect_pilot_bg.wasm', import.meta.url) });
  start_popup();
} catch (error) {
  fail(error);
}
