/**
 * How many screens scroll sideways on a 390 px phone (Chromium, the bench's stand-in API): the
 * login page, the central authority's dashboard and the explorer. The browser tests check every
 * screen against the real system; this keeps the figure in the bench's one JSON line.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM } from './render-times.mjs';

export async function phoneOverflow(base, screens) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const overflowing = [];
  try {
    for (const s of screens) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      if (s.token)
        await context.addInitScript(`localStorage.setItem('authToken', ${JSON.stringify(s.token)})`);
      const page = await context.newPage();
      await page.goto(base + s.path);
      await page.waitForSelector(s.selector);
      await page.waitForLoadState('networkidle');
      const extra = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (extra > 0) overflowing.push(`${s.name} (+${extra} px)`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return overflowing;
}
