import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto('http://127.0.0.1:4301/'); await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 300000 });
console.log(await page.evaluate(() => [586, 650, 700, 730].map(y => { const e = document.elementFromPoint(1218, y); return e ? `${e.tagName}.${e.className} ${JSON.stringify(e.getBoundingClientRect())}` : null; })));
await browser.close();
