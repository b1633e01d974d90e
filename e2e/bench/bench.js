// Benchmark page, copied into a throwaway copy of the built extension by `cargo xtask bench`. It times
// the import screen's configuration checks against JSON.parse of the same text, in the same page.
import init, * as app from '../pkg/connect_pilot.js';

const { bench_sample_config, bench_session, bench_drop, bench_retire } = app;
await init({ module_or_path: new URL('../pkg/connect_pilot_bg.wasm', import.meta.url) });

// The same app built with the derive-only configuration reader (`bench-derived`), which
// `cargo xtask bench` puts beside this page: its drops are timed the same way, in its own instance.
async function loadDerived() {
  try {
    const m = await import('./derived/connect_pilot.js');
    await m.default({ module_or_path: new URL('./derived/connect_pilot_bg.wasm', import.meta.url) });
    return m.bench_drop_derived ? m : null;
  } catch {
    return null;
  }
}
const derived = await loadDerived();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f) => { const t0 = performance.now(); f(); return performance.now() - t0; };

// Runs before the timed ones, so the figures are the steady state rather than the first tier's code:
// V8 compiles hot wasm functions with its optimising tier on a background thread, which on a busy
// machine takes longer than any fixed count of runs. So warm-up goes on until the best drop has not
// improved by more than 5% over the last 10 runs (at least WARM_UP runs, at most WARM_UP_MAX).
const WARM_UP = 15;
const WARM_UP_MAX = 150;

/** Runs `drop` (after `other`, to warm both) until its best time settles. Returns how many runs. */
function warmUp(drop, other) {
  let best = Infinity;
  let bestAt = 0;
  let runs = 0;
  while (runs < WARM_UP_MAX && (runs < WARM_UP || runs - bestAt < 10)) {
    other();
    const t = time(drop);
    if (t < best * 0.95) bestAt = runs;
    best = Math.min(best, t);
    runs += 1;
  }
  return runs;
}

// This machine's speed drifts over hundreds of milliseconds, so the two sides are timed in
// alternation and the ratio is taken per pair: a slow spell slows both halves of a pair alike.
// Extension pages see time in 0.1 ms steps, so a small document is timed in batches of runs.
// Freeing the previous drop's results is not timed when the screen does it after drawing
// (`bench_retire` between runs), as JSON.parse's time leaves out collecting the previous result;
// within a batch each drop frees the one before it, so small documents are timed with it.
function measure(mappings, fields, pairs, m = app, dropWith = bench_drop) {
  const text = m.bench_sample_config(mappings, fields);
  const server = m.bench_sample_config(Math.max(1, Math.floor(mappings / 2)), fields);
  // The screen gets the dropped file as bytes (`File.arrayBuffer`), so the timed call does too, and
  // it holds the export parsed since its first check, as the screen's session does. JSON.parse gets
  // the text it needs. Neither encoding is timed.
  const encoder = new TextEncoder();
  const fileBytes = encoder.encode(text);
  const session = m.bench_session(encoder.encode(server));
  const drop = () => dropWith(session, fileBytes);
  // The very first drop, before any warm-up: what a user's first drop costs.
  const first = time(drop);
  const warmUpRuns = warmUp(drop, () => JSON.parse(text));
  const batch = Math.max(1, Math.ceil(200 / mappings));
  const timed = (f) => time(() => { for (let i = 0; i < batch; i++) f(); }) / batch;
  const timedDrop = () => { m.bench_retire(session); return timed(drop); };
  const json = [], ours = [], ratios = [];
  for (let i = 0; i < pairs; i++) {
    const j = timed(() => JSON.parse(text));
    const o = timedDrop();
    json.push(j);
    ours.push(o);
    ratios.push(o / j);
  }
  session.free();
  return {
    mappings, fields, bytes: text.length, pairs, batch,
    json_parse_ms: median(json), validate_diff_ms: median(ours), ratio: median(ratios),
    first_drop_ms: first, warm_up_runs: warmUpRuns,
  };
}

// How cost grows: drops of 200 and of 2,000 mappings in alternation, the per-mapping cost of the
// large one over the small one's per pair, so the machine's drift cancels out as above.
function growth(pairs) {
  const encoder = new TextEncoder();
  const sizes = [200, 2000].map((mappings) => {
    const bytes = encoder.encode(bench_sample_config(mappings, 100));
    const session = bench_session(encoder.encode(bench_sample_config(mappings / 2, 100)));
    const drop = () => { bench_retire(session); return time(() => bench_drop(session, bytes)); };
    return { mappings, session, drop };
  });
  for (let i = 0; i < 3; i++) sizes.forEach((s) => s.drop());
  const ratios = Array.from({ length: pairs }, () => {
    const [small, large] = sizes.map((s) => s.drop() / s.mappings);
    return large / small;
  });
  sizes.forEach((s) => s.session.free());
  return { from: 200, to: 2000, pairs, per_mapping_growth: median(ratios) };
}

const results = {
  config_200x100: measure(200, 100, 31),
  scaling: [20, 200, 2000].map((m) => measure(m, 100, m >= 2000 ? 7 : 15)),
  growth: growth(9),
  config_200x100_derived: derived ? measure(200, 100, 31, derived, derived.bench_drop_derived) : null,
};
window.__bench = results;
document.getElementById('status').textContent = 'done';
