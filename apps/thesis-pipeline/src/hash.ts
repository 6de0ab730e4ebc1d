import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/**
 * JSON with object keys sorted recursively, so that equal values always give equal text (and hash).
 * Typed arrays are written as plain arrays; `undefined` members are dropped like JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView))
      return Array.from(v as unknown as ArrayLike<number>);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

/** sha256 (hex) of a string or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 (hex) of {@link canonicalJson}(value), shortened to 16 hex digits. */
export function hashValue(value: unknown): string {
  return sha256(canonicalJson(value)).slice(0, 16);
}

/** What the manifest records about one file: path (relative to the experiment dir), size, mtime, hash. */
export interface FileRecord {
  path: string;
  bytes: number;
  mtimeMs: number;
  sha256: string;
}

/**
 * Describe a file. When `known` describes the same path with the same size and mtime, its hash is
 * reused (hashing large weights on every run would be wasteful); otherwise the file is hashed.
 * Returns undefined when the file does not exist.
 */
export function describeFile(absPath: string, relPath: string, known?: FileRecord): FileRecord | undefined {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(absPath);
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  if (known && known.path === relPath && known.bytes === st.size && known.mtimeMs === st.mtimeMs) {
    return { ...known };
  }
  return { path: relPath, bytes: st.size, mtimeMs: st.mtimeMs, sha256: sha256(readFileSync(absPath)) };
}
