// Loads the wasm module and starts the app page, unless it is framed (framed.js). Kept out of the
// HTML: the CSP forbids inline script. `start` also shows a failure screen, rather than a frozen
// page, if the module dies.
import { start } from './start.js';
import init, { start_app } from '../pkg/connect_pilot.js';

await start(init, start_app);
