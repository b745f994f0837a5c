// Draws Piket's icons (a clock on a rounded square; the tray variant without the square) and writes them as PNG
// to assets/. No dependencies: shapes are rendered with 4×4 supersampling and encoded with node:zlib.
// Run: node scripts/make-icons.js
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels (Uint8Array, row-major) as a PNG. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in unit coordinates (0..1); each returns true when the point is inside.
const roundedSquare = (radius) => (x, y) => {
  const dx = Math.max(radius - x, 0, x - (1 - radius));
  const dy = Math.max(radius - y, 0, y - (1 - radius));
  return dx * dx + dy * dy <= radius * radius;
};
const ring = (cx, cy, outer, inner) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= outer && d >= inner;
};
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;
const segment = (x1, y1, x2, y2, halfWidth) => (x, y) => {
  const vx = x2 - x1;
  const vy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * vx + (y - y1) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - (x1 + t * vx), y - (y1 + t * vy)) <= halfWidth;
};

const NAVY = [31, 41, 55, 255];
const ORANGE = [249, 115, 22, 255];
const WHITE = [255, 255, 255, 255];

/** Layers are painted in order; each pixel averages 16 samples. */
function render(size, layers) {
  const pixels = new Uint8Array(size * size * 4);
  const SS = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SS; sy += 1) {
        for (let sx = 0; sx < SS; sx += 1) {
          const x = (px + (sx + 0.5) / SS) / size;
          const y = (py + (sy + 0.5) / SS) / size;
          let color = null;
          for (const [shape, fill] of layers) if (shape(x, y)) color = fill;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += color[3];
          }
        }
      }
      const n = SS * SS;
      const i = (py * size + px) * 4;
      const alpha = a / n;
      // Store straight (non-premultiplied) colour.
      pixels[i] = alpha ? Math.round(((r / n) * 255) / alpha) : 0;
      pixels[i + 1] = alpha ? Math.round(((g / n) * 255) / alpha) : 0;
      pixels[i + 2] = alpha ? Math.round(((b / n) * 255) / alpha) : 0;
      pixels[i + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

function clockLayers(face, hands) {
  return [
    [ring(0.5, 0.5, 0.36, 0.28), face],
    [segment(0.5, 0.5, 0.5, 0.31, 0.032), hands],
    [segment(0.5, 0.5, 0.63, 0.5, 0.032), hands],
    [disc(0.5, 0.5, 0.05), hands],
  ];
}

const ICONS = [
  { file: 'icon.png', size: 1024, layers: [[roundedSquare(0.22), NAVY], ...clockLayers(ORANGE, WHITE)] },
  { file: 'icon-256.png', size: 256, layers: [[roundedSquare(0.22), NAVY], ...clockLayers(ORANGE, WHITE)] },
  // Tray: no background, thicker strokes so it reads at 16–32 px on light and dark panels.
  {
    file: 'tray.png',
    size: 32,
    layers: [
      [ring(0.5, 0.5, 0.47, 0.33), ORANGE],
      [segment(0.5, 0.5, 0.5, 0.22, 0.07), ORANGE],
      [segment(0.5, 0.5, 0.7, 0.5, 0.07), ORANGE],
    ],
  },
  {
    file: 'tray@2x.png',
    size: 64,
    layers: [
      [ring(0.5, 0.5, 0.47, 0.33), ORANGE],
      [segment(0.5, 0.5, 0.5, 0.22, 0.07), ORANGE],
      [segment(0.5, 0.5, 0.7, 0.5, 0.07), ORANGE],
    ],
  },
];

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
  mkdirSync(assets, { recursive: true });
  for (const icon of ICONS) {
    writeFileSync(join(assets, icon.file), encodePng(icon.size, icon.size, render(icon.size, icon.layers)));
    console.log(`assets/${icon.file} (${icon.size}×${icon.size})`);
  }
}
