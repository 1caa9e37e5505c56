// Draws the app's PNG icons for the web app manifest, 192 and 512 px, from static/icon.svg. Run by hand after
// changing the SVG: `node tools/icons.mjs`; the PNGs are committed, so builds need no browser.
// Each PNG is full-bleed with the picture inside the central circle every platform's mask keeps, so the same
// file serves as the plain and the maskable icon (the manifest lists it for both purposes). Chromium draws
// it; each pixel is then snapped to a palette of the icon's colours and two blends of each pair, and written
// as an indexed PNG of 2 or 4 bits a pixel: about a third of a full-colour one, which matters because every
// byte of dist/ counts against size-budget.toml. Few colours, few bytes: keep the icon to two or three.
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { launch } from '../tests/e2e/browser.mjs';

const root = new URL('../', import.meta.url);
const svg = readFileSync(new URL('static/icon.svg', root), 'utf8');

// Maskable: the background fills the square and the picture shrinks into the central circle of 80 % that
// every platform's mask keeps (https://www.w3.org/TR/appmanifest/#icon-masks).
const content = svg.replace(/^<svg[^>]*>\s*<rect[^>]*\/>/, '').replace(/<\/svg>\s*$/, '');
const background = svg.match(/<rect[^>]*fill="(#[0-9a-f]{6})"/i)[1];
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${background}"/><g transform="translate(8 8) scale(.75)">${content}</g></svg>`;

const ICONS = [
  ['icon-192.png', 192],
  ['icon-512.png', 512],
];

/** `#rgb` or `#rrggbb` as [r, g, b, 255]. */
function rgba(colour) {
  const digits = colour.length === 4 ? [...colour.slice(1)].map((d) => d + d) : [1, 3, 5].map((i) => colour.slice(i, i + 2));
  return [...digits.map((d) => parseInt(d, 16)), 255];
}
/** The icon's colours and two blends between each pair (so edges stay smooth). */
function palette(source) {
  const base = [...new Set(source.match(/#(?:[0-9a-f]{6}|[0-9a-f]{3})\b/gi).map((c) => rgba(c.toLowerCase()).join()))]
    .map((c) => c.split(',').map(Number));
  const blends = [];
  for (let i = 0; i < base.length; i++) {
    for (let j = i + 1; j < base.length; j++) {
      for (const t of [1 / 3, 2 / 3]) blends.push(base[i].map((v, k) => Math.round(v * (1 - t) + base[j][k] * t)));
    }
  }
  const all = [...base, ...blends];
  if (all.length > 16) throw new Error(`${all.length} colours do not fit a 4-bit palette: simplify the icon`);
  return all;
}

function nearest(colours, r, g, b) {
  let best = 0;
  let bestDistance = Infinity;
  colours.forEach(([cr, cg, cb], i) => {
    const d = (r - cr) ** 2 + (g - cg) ** 2 + (b - cb) ** 2;
    if (d < bestDistance) [best, bestDistance] = [i, d];
  });
  return best;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, indices, colours) {
  const bits = colours.length <= 4 ? 2 : 4;
  const perByte = 8 / bits;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([bits, 3, 0, 0, 0], 8); // indexed colour, deflate, no filter, no interlace
  const stride = Math.ceil(size / perByte);
  const raw = Buffer.alloc((stride + 1) * size); // each row: filter type 0, then the packed pixels
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const at = y * (stride + 1) + 1 + Math.floor(x / perByte);
      raw[at] |= indices[y * size + x] << (8 - bits * (1 + (x % perByte)));
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(colours.flatMap((c) => c.slice(0, 3)))),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const browser = await launch();
const page = await browser.newPage();
for (const [name, size] of ICONS) {
  const source = maskable;
  const rgba = await page.evaluate(
    async ([source, size]) => {
      const image = new Image(size, size);
      image.src = `data:image/svg+xml,${encodeURIComponent(source)}`;
      await image.decode();
      const canvas = new OffscreenCanvas(size, size);
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0, size, size);
      return Array.from(context.getImageData(0, 0, size, size).data);
    },
    [source, size],
  );
  const colours = palette(source);
  const indices = new Uint8Array(size * size);
  for (let i = 0; i < indices.length; i++) indices[i] = nearest(colours, ...rgba.slice(i * 4, i * 4 + 4));
  const file = png(size, indices, colours);
  writeFileSync(new URL(`static/icons/${name}`, root), file);
  console.log(`static/icons/${name}: ${file.length} bytes`);
}
await browser.close();
