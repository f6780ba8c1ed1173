// After rollup: writes each browser's manifest.json (from src/manifest/manifest.ts, compiled),
// copies the static pages, styles and locales, and draws the toolbar icons.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { buildManifest } from '../dist/tsc/manifest/manifest.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// CRC-32 (PNG chunk checksums); Node 20 has no zlib.crc32.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
};

/** A shield-like badge: a blue disc with a white check-ish bar, drawn pixel by pixel (no image tools needed). */
function icon(size) {
  const rows = [];
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - r;
      const dy = y + 0.5 - r;
      const inside = dx * dx + dy * dy <= r * r;
      const mark = Math.abs(dy - dx * 0.3) < size * 0.09 && Math.abs(dx) < size * 0.28;
      row.push(...(inside ? (mark ? [255, 255, 255, 255] : [31, 78, 121, 255]) : [0, 0, 0, 0]));
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const target of ['chrome', 'firefox']) {
  const dir = new URL(`../dist/${target}/`, import.meta.url);
  mkdirSync(new URL('icons/', dir), { recursive: true });
  writeFileSync(
    new URL('manifest.json', dir),
    `${JSON.stringify(buildManifest(target, version), null, 2)}\n`,
  );
  cpSync(new URL('../static/', import.meta.url), dir, { recursive: true });
  for (const size of [16, 48, 128]) writeFileSync(new URL(`icons/icon-${size}.png`, dir), icon(size));
}
// No success message: the root build prints one line per package (scripts/build.mjs).
