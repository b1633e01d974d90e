// Benchmark page, copied into a throwaway copy of the built extension by `cargo xtask bench`. It times
// the import screen's configuration checks against JSON.parse of the same text, in the same page.
import init, { bench_sample_config, bench_validate_and_diff } from '../pkg/connect_pilot.js';

await init({ module_or_path: new URL('../pkg/connect_pilot_bg.wasm', import.meta.url) });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f) => { const t0 = performance.now(); f(); return performance.now() - t0; };

function measure(mappings, fields, runs) {
  const text = bench_sample_config(mappings, fields);
  const server = bench_sample_config(Math.max(1, Math.floor(mappings / 2)), fields);
  // The screen gets both documents as bytes (a dropped file's ArrayBuffer, the fetched export), so the
  // timed call does too; JSON.parse gets the text it needs. Neither encoding is timed.
  const encoder = new TextEncoder();
  const [fileBytes, serverBytes] = [encoder.encode(text), encoder.encode(server)];
  // One warm-up each, so neither side pays for first-use compilation in the timed runs.
  JSON.parse(text);
  bench_validate_and_diff(fileBytes, serverBytes);
  const parse = median(Array.from({ length: runs }, () => time(() => JSON.parse(text))));
  const ours = median(Array.from({ length: runs }, () => time(() => bench_validate_and_diff(fileBytes, serverBytes))));
  return { mappings, fields, bytes: text.length, json_parse_ms: parse, validate_diff_ms: ours, ratio: ours / parse };
}

const results = {
  config_200x100: measure(200, 100, 9),
  scaling: [20, 200, 2000].map((m) => measure(m, 100, m >= 2000 ? 3 : 7)),
};
window.__bench = results;
document.getElementById('status').textContent = 'done';
