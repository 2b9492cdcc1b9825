import { chromium } from '@playwright/test';
import fs from 'node:fs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 700, height: 400 } });
await p.setContent(`<body style="margin:0;background:#888"><div style="display:flex;gap:10px"><div style="width:300px;height:380px;background:url(data:image/png;base64,${fs.readFileSync('/tmp/before.png').toString('base64')}) -1000px -520px"></div><div style="width:300px;height:380px;background:url(data:image/png;base64,${fs.readFileSync('/tmp/after.png').toString('base64')}) -1000px -520px"></div></div></body>`);
await p.screenshot({ path: '/tmp/crop.png' });
await b.close();
