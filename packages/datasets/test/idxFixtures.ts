/** Writes IDX bytes: magic (0, 0, type code, rank), big-endian dimensions, big-endian values. */
export function idxBytes(type: number, dims: number[], values: number[]): Uint8Array {
  const size = { 8: 1, 9: 1, 11: 2, 12: 4, 13: 4, 14: 8 }[type]!;
  const out = new Uint8Array(4 + 4 * dims.length + size * values.length);
  const v = new DataView(out.buffer);
  v.setUint8(2, type);
  v.setUint8(3, dims.length);
  for (let i = 0; i < dims.length; i++) v.setUint32(4 + 4 * i, dims[i]!, false);
  const at = 4 + 4 * dims.length;
  values.forEach((x, i) => {
    const o = at + size * i;
    if (type === 0x08) v.setUint8(o, x);
    else if (type === 0x09) v.setInt8(o, x);
    else if (type === 0x0b) v.setInt16(o, x, false);
    else if (type === 0x0c) v.setInt32(o, x, false);
    else if (type === 0x0d) v.setFloat32(o, x, false);
    else v.setFloat64(o, x, false);
  });
  return out;
}

/** Two 2×3 uint8 images, as MNIST stores them. */
export const IMAGES = idxBytes(0x08, [2, 2, 3], [0, 51, 255, 1, 2, 3, 10, 20, 30, 40, 50, 60]);
/** Their labels. */
export const LABELS = idxBytes(0x08, [2], [7, 3]);
