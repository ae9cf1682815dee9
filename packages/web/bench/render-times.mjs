/**
 * Time to first render in headless Chromium (Debian's /usr/bin/chromium, never a downloaded
 * browser): from navigation start until the screen's key element is in the DOM, fresh browser
 * context each run (cold cache), median of N.
 */
import { chromium } from '@playwright/test';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

/** Records performance.now() when `selector` first matches, from inside the page. */
const probe = (selector) => `
  window.__cpRendered = new Promise((resolve) => {
    const hit = () => document.querySelector(${JSON.stringify(selector)}) && (resolve(performance.now()), true);
    const mo = new MutationObserver(() => hit() && mo.disconnect());
    mo.observe(document, { childList: true, subtree: true });
  });`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 10) / 10;
};

export async function renderTimes(base, screens, runs) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const out = {};
    for (const s of screens) {
      const times = [];
      const fcps = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        if (s.token)
          await context.addInitScript(`localStorage.setItem('authToken', ${JSON.stringify(s.token)})`);
        await context.addInitScript(probe(s.selector));
        const page = await context.newPage();
        await page.goto(base + s.path, { waitUntil: 'commit' });
        times.push(await page.evaluate(() => window.__cpRendered));
        // The paint entry is recorded a frame after the DOM change that causes it.
        await page
          .waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, {
            timeout: 3000,
          })
          .catch(() => {});
        fcps.push(
          await page.evaluate(
            () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
          ),
        );
        await context.close();
      }
      out[s.name] = {
        render_ms: median(times),
        fcp_ms: median(fcps.filter((x) => !Number.isNaN(x))) || null,
      };
    }
    return out;
  } finally {
    await browser.close();
  }
}
