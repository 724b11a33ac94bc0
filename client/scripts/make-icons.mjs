#!/usr/bin/env node
// Writes the web manifest's PNG icons into public/icons. Run by hand when the design changes;
// the PNGs are committed, so builds need neither this script nor an image library.
// NOTE: a hand-rolled PNG encoder (zlib + CRC) keeps the client free of a native image dependency.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
mkdirSync(out, { recursive: true });

const NAVY = [11, 61, 110];
const GOLD = [245, 190, 60];
const WHITE = [255, 255, 255];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel(x / size, y / size);
      const i = y * (size * 3 + 1) + 1 + x * 3;
      raw[i] = r;
      raw[i + 1] = g;
      raw[i + 2] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A spotlight (gold disc) over a dance floor (white boards) on navy: readable at 48 px. */
function design(safe) {
  return (u, v) => {
    const x = (u - 0.5) / safe + 0.5;
    const y = (v - 0.5) / safe + 0.5;
    const dx = x - 0.5;
    const dy = y - 0.4;
    if (dx * dx + dy * dy < 0.2 * 0.2) return GOLD;
    if (y > 0.68 && y < 0.8 && x > 0.18 && x < 0.82) {
      const board = Math.floor((x - 0.18) / 0.0775);
      return board % 2 === 0 ? WHITE : [210, 225, 240];
    }
    return NAVY;
  };
}

const icons = [
  ['icon-192.png', 192, 1],
  ['icon-512.png', 512, 1],
  // Maskable icons keep their content inside the central 80 % "safe zone".
  ['icon-maskable-512.png', 512, 0.8],
  ['apple-touch-icon.png', 180, 0.9],
];
for (const [name, size, safe] of icons) {
  writeFileSync(join(out, name), png(size, design(safe)));
  console.log(`wrote public/icons/${name}`);
}
