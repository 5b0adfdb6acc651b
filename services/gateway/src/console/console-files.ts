import { createReadStream, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

/** Paths the gateway itself answers: the console never shadows them, whatever the console's router knows. */
const GATEWAY_PREFIXES = ['/v1', '/docs', '/health', '/metrics'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** Vite puts every built file whose name carries a content hash under /assets: such a URL never changes content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed assets: the browser must ask again each time (a 304 costs little). */
export const REVALIDATE = 'no-cache';

export interface ConsoleFile {
  path: string;
  size: number;
  mtime: Date;
  contentType: string;
  cacheControl: string;
}

export function isGatewayPath(urlPath: string): boolean {
  return GATEWAY_PREFIXES.some((prefix) => urlPath === prefix || urlPath.startsWith(`${prefix}/`) || urlPath.startsWith(`${prefix}-`));
}

function fileAt(path: string): { size: number; mtime: Date } | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? { size: stat.size, mtime: stat.mtime } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file the console answers `urlPath` with: the built file itself, or index.html for any other path (the
 * console's router reads the URL, so `/schools/7` opened from a link renders the school page). A request for a
 * missing file under /assets is a 404 rather than index.html: a stale page asking for an old bundle must fail
 * loudly, not receive HTML as JavaScript. Undefined for the gateway's own paths and when nothing is built.
 */
export function resolveConsoleFile(root: string, urlPath: string): ConsoleFile | undefined {
  if (isGatewayPath(urlPath)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const base = resolve(root);
  const candidate = resolve(base, `.${decoded}`);
  // `..` (also encoded) must not leave the console's folder.
  const inside = candidate === base || candidate.startsWith(`${base}${sep}`);
  const isAsset = decoded.startsWith('/assets/');
  if (inside && candidate !== base) {
    const found = fileAt(candidate);
    if (found) {
      return {
        path: candidate,
        ...found,
        contentType: CONTENT_TYPES[extname(candidate)] ?? 'application/octet-stream',
        cacheControl: isAsset ? IMMUTABLE : REVALIDATE,
      };
    }
  }
  if (isAsset) return undefined;
  const index = resolve(base, 'index.html');
  const found = fileAt(index);
  return found && { path: index, ...found, contentType: CONTENT_TYPES['.html'], cacheControl: REVALIDATE };
}

export function openConsoleFile(file: ConsoleFile): NodeJS.ReadableStream {
  return createReadStream(file.path);
}
