// Draws Piket's icons and writes them as PNG: the app icon (a clock on a rounded square) to assets/, and the tray's
// icon per state (main/tray-view.ts TRAY_ICON_NAMES) to assets/tray/ — coloured for Windows (<state>.png 16 px,
// <state>@2x.png 32 px) and Linux (linux/<state>.png, 32 px alone), black and alpha for macOS
// (<state>Template.png, <state>Template@2x.png).
// No dependencies: shapes are rendered with 4×4 supersampling and encoded with node:zlib.
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
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const side = (px, py, qx, qy) => (qx - px) * (y - py) - (qy - py) * (x - px);
  const d1 = side(ax, ay, bx, by);
  const d2 = side(bx, by, cx, cy);
  const d3 = side(cx, cy, ax, ay);
  return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
};
const segment = (x1, y1, x2, y2, halfWidth) => (x, y) => {
  const vx = x2 - x1;
  const vy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * vx + (y - y1) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - (x1 + t * vx), y - (y1 + t * vy)) <= halfWidth;
};

const NAVY = [31, 41, 55, 255];
const ORANGE = [249, 115, 22, 255];
const WHITE = [255, 255, 255, 255];
const SLATE = [71, 85, 105, 255];
const AMBER = [245, 158, 11, 255];
const RED = [220, 38, 38, 255];
const GREY = [156, 163, 175, 255];
const BLACK = [0, 0, 0, 255];
/** Paints transparency: cuts a gap into what lies below. */
const CLEAR = [0, 0, 0, 0];

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
];

// Tray icons: drawn for 16 px, so few and thick strokes.
const hands = (color) => [
  [segment(0.5, 0.5, 0.5, 0.2, 0.085), color],
  [segment(0.5, 0.5, 0.74, 0.5, 0.085), color],
];
const exclamation = (color) => [
  [segment(0.5, 0.2, 0.5, 0.56, 0.09), color],
  [disc(0.5, 0.77, 0.09), color],
];
const slash = (color) => [
  [segment(0.14, 0.14, 0.86, 0.86, 0.13), CLEAR],
  [segment(0.14, 0.14, 0.86, 0.86, 0.06), color],
];
/** A mark in the bottom-right corner, set off from the glyph below by a transparent rim. */
const badge = (shape, rim, color) => [
  [rim, CLEAR],
  [shape, color],
];
const badgeDisc = badge(disc(0.78, 0.78, 0.2), disc(0.78, 0.78, 0.3), RED);
const face = (color) => [[disc(0.5, 0.5, 0.47), color]];
const outline = [[ring(0.5, 0.5, 0.46, 0.33), BLACK], ...hands(BLACK)];
/** The frame a waiting P1's icon flashes with: the P1 icon, faint. */
const DIM = 0.35;

const TRAY_ICONS = {
  // Linux and Windows: a coloured face that reads on light and dark panels.
  coloured: {
    quiet: face(SLATE).concat(hands(WHITE)),
    warning: face(AMBER).concat(hands(NAVY)),
    p1: face(RED).concat(exclamation(WHITE)),
    p1Dim: { dim: 'p1' },
    offline: face(GREY).concat(hands(WHITE), slash(NAVY)),
    error: face(SLATE).concat(hands(WHITE), badgeDisc),
  },
  // macOS template images: black and alpha only; the menu bar colours them, so each state has its own shape.
  template: {
    quiet: outline,
    warning: outline.concat(
      badge(triangle(0.78, 0.56, 0.98, 0.96, 0.58, 0.96), disc(0.78, 0.8, 0.34), BLACK),
    ),
    p1: [[disc(0.5, 0.5, 0.47), BLACK], ...exclamation(CLEAR)],
    p1Dim: { dim: 'p1' },
    offline: outline.concat(slash(BLACK)),
    error: outline.concat(badge(disc(0.78, 0.78, 0.2), disc(0.78, 0.78, 0.3), BLACK)),
  },
};

function dimmed(pixels, factor) {
  const out = Uint8Array.from(pixels);
  for (let i = 3; i < out.length; i += 4) out[i] = Math.round(out[i] * factor);
  return out;
}

function trayIcons() {
  const files = [];
  for (const [kind, icons] of Object.entries(TRAY_ICONS)) {
    const suffix = kind === 'template' ? 'Template' : '';
    for (const [name, drawing] of Object.entries(icons)) {
      for (const [scale, size] of [
        ['', 16],
        ['@2x', 32],
      ]) {
        const pixels = drawing.dim ? dimmed(render(size, icons[drawing.dim]), DIM) : render(size, drawing);
        files.push({ file: `tray/${name}${suffix}${scale}.png`, size, pixels });
        if (kind === 'coloured' && size === 32) files.push({ file: `tray/linux/${name}.png`, size, pixels });
      }
    }
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
  mkdirSync(join(assets, 'tray', 'linux'), { recursive: true });
  const all = [...ICONS.map((icon) => ({ ...icon, pixels: render(icon.size, icon.layers) })), ...trayIcons()];
  for (const icon of all) {
    writeFileSync(join(assets, icon.file), encodePng(icon.size, icon.size, icon.pixels));
    console.log(`assets/${icon.file} (${icon.size}×${icon.size})`);
  }
}
