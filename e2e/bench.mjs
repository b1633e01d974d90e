// Browser benchmarks for `cargo xtask bench`: runs inside the built extension (CP_EXTENSION_DIR, a copy
// holding e2e/bench/) and prints one JSON line with the figures.
import { launchExtension, openPage } from './harness.mjs';

const ext = await launchExtension();
try {
  // Configuration checks against JSON.parse of the same text.
  const page = await ext.context.newPage();
  await page.goto(ext.url('../bench/bench.html'));
  await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 600_000 });
  const config = await page.evaluate(() => window.__bench);

  // Popup first render: from navigation to the first rendered element, median of 20, against a static
  // page of similar size served from the same extension.
  const firstRender = async (file, selector) => {
    const times = [];
    for (let i = 0; i < 20; i++) {
      const tab = await ext.context.newPage();
      await tab.setViewportSize({ width: 380, height: 600 });
      await tab.goto(ext.url(file));
      await tab.locator(selector).first().waitFor();
      times.push(await tab.evaluate(() => performance.now()));
      await tab.close();
    }
    return times.sort((a, b) => a - b)[10];
  };
  const popup = await firstRender('popup.html', '#root h1');
  const staticPage = await firstRender('../bench/static.html', 'h1');
  console.log(JSON.stringify({ config, popup_first_render: { popup_ms: popup, static_ms: staticPage, ratio: popup / staticPage } }));
} finally {
  await ext.close();
}
