#!/usr/bin/env node
// Renders icon.svg (next to this script) to <size>x<size>.png (16..1024) with headless
// Chromium (playwright-core, no download), and packs icon.ico (PNG-compressed entries, Vista+)
// and icon.icns (PNG-based ic07..ic10 / icp4..icp6 entries, macOS 10.7+) from those PNGs.
// Chromium: $SEATWISE_CHROMIUM or /usr/bin/chromium.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = fileURLToPath(new URL('./', import.meta.url));
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const svg = readFileSync(`${dir}icon.svg`, 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.SEATWISE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const png = new Map();
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const img = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}</style><img src="${img}" width="${size}" height="${size}" style="display:block">`);
    await page.waitForFunction(() => globalThis.document.images[0]?.complete);
    const buf = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(`${dir}${size}x${size}.png`, buf);
    png.set(size, buf);
    await page.close();
  }
} finally {
  await browser.close();
}
writeFileSync(`${dir}icon.png`, png.get(1024));

// ICO: 6-byte header, 16-byte directory entries, then the PNG data (allowed since Vista).
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const header = Buffer.alloc(6 + 16 * icoSizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = header.length;
icoSizes.forEach((size, i) => {
  const data = png.get(size);
  const e = 6 + 16 * i;
  header.writeUInt8(size >= 256 ? 0 : size, e);
  header.writeUInt8(size >= 256 ? 0 : size, e + 1);
  header.writeUInt8(0, e + 2);
  header.writeUInt8(0, e + 3);
  header.writeUInt16LE(1, e + 4);
  header.writeUInt16LE(32, e + 6);
  header.writeUInt32LE(data.length, e + 8);
  header.writeUInt32LE(offset, e + 12);
  offset += data.length;
});
writeFileSync(`${dir}icon.ico`, Buffer.concat([header, ...icoSizes.map((s) => png.get(s))]));

// ICNS: 'icns' + total length, then typed PNG entries.
const icnsTypes = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]];
const chunks = icnsTypes.map(([type, size]) => {
  const data = png.get(size);
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(data.length + 8, 4);
  return Buffer.concat([head, data]);
});
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'ascii');
icnsHead.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
writeFileSync(`${dir}icon.icns`, Buffer.concat([icnsHead, ...chunks]));
console.log(`rendered ${SIZES.length} PNGs, icon.ico and icon.icns into build/icons/`);
