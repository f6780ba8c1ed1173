import { createServer } from 'node:http';
import { chromium } from '@playwright/test';
const body = {
  none: '',
  cookie: 'window.__x = document.cookie.length;',
  ls: "window.__x = localStorage.getItem('coreconsent:decision:bench');",
  both: "window.__x = document.cookie.length + String(localStorage.getItem('coreconsent:decision:bench'));",
};
const server = createServer((req, res) => {
  const k = req.url.slice(1).split('?')[0];
  res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html><body><p>x</p><script>${body[k] ?? ''}</script></body></html>`);
}).listen(0);
const port = server.address().port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const res = {};
for (const rate of [1, 4]) for (const k of Object.keys(body)) res[`${k}${rate}`] = [];
for (let i = 0; i < 15; i++) for (const rate of [1, 4]) for (const k of Object.keys(body)) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await cdp.send('Performance.enable');
  await page.goto(`http://127.0.0.1:${port}/${k}`);
  await page.waitForTimeout(300);
  const { metrics } = await cdp.send('Performance.getMetrics');
  res[`${k}${rate}`].push(metrics.find((m) => m.name === 'ScriptDuration').value * 1000);
  await ctx.close();
}
const med = (a) => [...a].sort((p, q) => p - q)[7];
for (const key of Object.keys(res)) console.log(key, med(res[key]).toFixed(2));
await browser.close(); server.close();
