/**
 * Draws the extension's icon, images/icon.png (128 × 128 RGBA, the size the Marketplace
 * asks for): an orange rounded square with a white hook ending in a check mark. Run
 * `node scripts/icon.mjs` after changing it; the PNG is committed.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const px = Buffer.alloc(N * N * 4);
/** Distance from point p to the segment a-b (pixels). */
function seg(p, a, b) {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}
// The hook: a stem down, a half circle, a short rise; then a check mark at the right.
const stem = [[52, 22], [52, 74]];
const arc = { c: [38, 74], r: 14 };
const check = [[66, 80], [80, 94], [106, 60]];
for (let y = 0; y < N; y++)
  for (let x = 0; x < N; x++) {
    const p = [x + 0.5, y + 0.5];
    // Rounded square, radius 24, antialiased by one pixel.
    const qx = Math.max(Math.abs(p[0] - 64) - 40, 0);
    const qy = Math.max(Math.abs(p[1] - 64) - 40, 0);
    const inside = Math.min(1, Math.max(0, 24 - Math.hypot(qx, qy) + 0.5));
    let d = seg(p, stem[0], stem[1]);
    const [ax, ay] = [p[0] - arc.c[0], p[1] - arc.c[1]];
    if (ay >= 0) d = Math.min(d, Math.abs(Math.hypot(ax, ay) - arc.r));
    d = Math.min(d, seg(p, [24, 74], [24, 62]));
    d = Math.min(d, seg(p, check[0], check[1]), seg(p, check[1], check[2]));
    const white = Math.min(1, Math.max(0, 6 - d + 0.5));
    const i = (y * N + x) * 4;
    px[i] = Math.round(232 + (255 - 232) * white);
    px[i + 1] = Math.round(89 + (255 - 89) * white);
    px[i + 2] = Math.round(12 + (255 - 12) * white);
    px[i + 3] = Math.round(255 * inside);
  }
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) px.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
writeFileSync(new URL('../images/icon.png', import.meta.url), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
