import { gunzipSync, strFromU8 } from "fflate";

/**
 * A data file compiled into the package by `scripts/embed.mjs`: base64 of gzip
 * bytes. When the original file was already gzip (`*.gz`), the payload is that
 * file unchanged; otherwise it is the gzip of the original file.
 */
export interface EmbeddedFile {
  /** The file's name in `data/`. */
  readonly file: string;
  /** Whether the original file is itself gzip (then the payload is the file). */
  readonly originalIsGzip: boolean;
  /** Size of the original file in bytes. */
  readonly size: number;
  /** sha256 of the original file, hex. */
  readonly sha256: string;
  /** The payload, base64. */
  readonly base64: string;
}

/** Decodes standard base64 (with padding) into bytes, in any JavaScript runtime. */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const originals = new Map<string, Uint8Array>();
const texts = new Map<string, string>();

/**
 * The original file's bytes, byte for byte (decoded once, then cached). Callers
 * must not modify the returned array.
 */
export function embeddedBytes(f: EmbeddedFile): Uint8Array {
  let bytes = originals.get(f.file);
  if (bytes === undefined) {
    const payload = base64ToBytes(f.base64);
    bytes = f.originalIsGzip ? payload : gunzipSync(payload);
    originals.set(f.file, bytes);
  }
  return bytes;
}

/** The file's text content: gunzipped when the original is `*.gz`, decoded as UTF-8. Cached. */
export function embeddedText(f: EmbeddedFile): string {
  let text = texts.get(f.file);
  if (text === undefined) {
    const bytes = embeddedBytes(f);
    text = strFromU8(f.originalIsGzip ? gunzipSync(bytes) : bytes);
    texts.set(f.file, text);
  }
  return text;
}
