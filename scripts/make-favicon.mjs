#!/usr/bin/env node
// Draws public/favicon.ico (16 and 32 pixels): a blue rounded square with a white "C" ring, the console's mark.
// Run it again after changing the drawing; the icon is committed, nothing is fetched.
import { writeFileSync } from "node:fs";

function pixel(x, y, size) {
  // Coordinates in a 0..1 square, sampled 4x4 per pixel for smooth edges.
  let r = 0, g = 0, b = 0, a = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const u = (x + (sx + 0.5) / 4) / size, v = (y + (sy + 0.5) / 4) / size;
      const corner = 0.22, cx = Math.min(Math.max(u, corner), 1 - corner), cy = Math.min(Math.max(v, corner), 1 - corner);
      if (Math.hypot(u - cx, v - cy) > corner) continue; // outside the rounded square
      const d = Math.hypot(u - 0.5, v - 0.5), angle = Math.atan2(v - 0.5, u - 0.5);
      const ring = d > 0.2 && d < 0.34 && Math.abs(angle) > Math.PI / 4; // the C opens to the right
      const [pr, pg, pb] = ring ? [255, 255, 255] : [37, 99, 235];
      r += pr; g += pg; b += pb; a += 1;
    }
  }
  if (a === 0) return [0, 0, 0, 0];
  return [r / a, g / a, b / a, (a / 16) * 255].map(Math.round);
}

function bitmap(size) {
  // A 32-bit BMP without its file header: BITMAPINFOHEADER (height doubled for the mask), rows bottom-up, BGRA,
  // then the 1-bit AND mask (all zero: the alpha channel decides).
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y, size);
      pixels.set([b, g, r, a], ((size - 1 - y) * size + x) * 4);
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]);
}

const sizes = [16, 32];
const images = sizes.map(bitmap);
const dir = Buffer.alloc(6 + 16 * sizes.length);
dir.writeUInt16LE(0, 0);
dir.writeUInt16LE(1, 2); // icon
dir.writeUInt16LE(sizes.length, 4);
let offset = dir.length;
sizes.forEach((size, i) => {
  const at = 6 + 16 * i;
  dir.writeUInt8(size, at);
  dir.writeUInt8(size, at + 1);
  dir.writeUInt16LE(1, at + 4);
  dir.writeUInt16LE(32, at + 6);
  dir.writeUInt32LE(images[i].length, at + 8);
  dir.writeUInt32LE(offset, at + 12);
  offset += images[i].length;
});
writeFileSync(new URL("../public/favicon.ico", import.meta.url), Buffer.concat([dir, ...images]));
