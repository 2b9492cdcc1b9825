import { chromium } from '@playwright/test';
import fs from 'node:fs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage();
const r = await p.evaluate(async ([a, c]) => {
  const load = (s) => new Promise((res) => { const i = new Image(); i.onload = () => res(i); i.src = 'data:image/png;base64,' + s; });
  const [ia, ic] = await Promise.all([load(a), load(c)]);
  const cv = (i) => { const k = document.createElement('canvas'); k.width = i.width; k.height = i.height; const x = k.getContext('2d'); x.drawImage(i, 0, 0); return x.getImageData(0, 0, i.width, i.height).data; };
  const da = cv(ia), dc = cv(ic);
  let x0 = 1e9, y0 = 1e9, x1 = -1, y1 = -1, n = 0;
  for (let y = 0; y < ia.height; y++) for (let x = 0; x < ia.width; x++) { const k = (y * ia.width + x) * 4; if (da[k] !== dc[k] || da[k+1] !== dc[k+1] || da[k+2] !== dc[k+2]) { n++; x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); } }
  return { size: [ia.width, ia.height, ic.width, ic.height], n, box: [x0, y0, x1, y1] };
}, [fs.readFileSync('/tmp/before.png').toString('base64'), fs.readFileSync('/tmp/after.png').toString('base64')]);
console.log(r);
await b.close();
