// Drives the system chromium (headless) through the dashboard's pages with
// playwright-core. Usage:
//   node dashboard.mjs <base url> <screenshot dir> <pages.json>
// pages.json: [{"hash": "#/portfolio", "expect": ["text", ...],
//               "click": "css selector" (optional), "screenshot": "x.png"}]
// Prints one JSON line per page: {hash, state, console_errors, missing, screenshot}.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, shots, pagesFile] = process.argv.slice(2);
const pages = JSON.parse(readFileSync(pagesFile, 'utf8'));
const executablePath = process.env.AE_CHROMIUM || '/usr/bin/chromium';

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  let errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push('pageerror: ' + error.message));
  page.on('requestfailed', (request) => errors.push('requestfailed: ' + request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push('HTTP ' + response.status() + ' ' + response.url());
  });
  let first = true;
  for (const spec of pages) {
    errors = [];
    const url = base + '/' + spec.hash;
    if (first) {
      await page.goto(url, { waitUntil: 'load' });
    } else {
      await page.evaluate((hash) => {
        document.body.dataset.state = 'navigating';
        window.location.hash = hash;
      }, spec.hash);
    }
    first = false;
    // The router marks the body ready or error once the page has rendered
    // (a selector wait: the page's CSP forbids the eval a predicate needs).
    await page.waitForSelector('body[data-state=ready], body[data-state=error]', { timeout: 20000 })
      .catch(() => errors.push('timed out waiting for the page to render'));
    if (spec.click) {
      await page.click(spec.click, { timeout: 5000 }).catch((e) => errors.push('click: ' + e.message));
    }
    const state = await page.evaluate(() => document.body.dataset.state);
    const text = await page.evaluate(() => document.getElementById('main').innerText);
    const missing = (spec.expect || []).filter((needle) => !text.includes(needle));
    let screenshot = null;
    if (spec.screenshot) {
      screenshot = join(shots, spec.screenshot);
      await page.screenshot({ path: screenshot, fullPage: true });
    }
    console.log(JSON.stringify({ hash: spec.hash, state, console_errors: errors, missing, screenshot }));
  }
} finally {
  await browser.close();
}
