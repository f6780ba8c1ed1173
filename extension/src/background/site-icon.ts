import { MAX_ICON_BYTES, type StoredIcon } from '../store/schemas.js';
import type { BackgroundDeps } from './deps.js';

/** An icon is fetched again at most this often (a site rarely changes its icon). */
export const ICON_REFRESH_MS = 24 * 60 * 60 * 1000;
/** A source is tried at most this often while the worker lives, whatever it answered. */
const ICON_RETRY_MS = 10 * 60 * 1000;
const attempts = new Map<string, number>();

/** The image types an icon may be, told by its first bytes (the server's content type is not believed). */
export type IconType = 'png' | 'gif' | 'jpeg' | 'webp' | 'x-icon' | 'svg+xml';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  prefix.every((b, i) => bytes[at + i] === b);

/** The type an image's bytes show, or null when they are no image an `<img>` should be given. */
export function sniffIcon(bytes: Uint8Array): IconType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'webp';
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return 'x-icon';
  // SVG: text whose root element is <svg>. Shown only through <img>, where an SVG runs no script
  // and loads nothing (the browser's "secure animated" image mode).
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024));
  if (
    /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)
  )
    return 'svg+xml';
  return null;
}

/**
 * Where a site's icon may be fetched from: the URL the browser shows for its tab (`favIconUrl`),
 * only when it is on the site's own origin, else the origin's `/favicon.ico` (which the browser
 * asks for anyway). Never another host: the background fetching a third-party URL the page
 * chose would tell that host the person was there.
 */
export function iconSource(origin: string, favIconUrl: string | undefined): string {
  if (favIconUrl) {
    try {
      const url = new URL(favIconUrl);
      if (url.origin === origin) return url.href;
    } catch {
      // not a URL: use the origin's default
    }
  }
  return `${origin}/favicon.ico`;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The kept icon made from fetched bytes, or null when they are not a small image. */
export function iconFromBytes(origin: string, from: string, bytes: Uint8Array, now: Date): StoredIcon | null {
  if (bytes.length === 0 || bytes.length > MAX_ICON_BYTES) return null;
  const type = sniffIcon(bytes);
  if (type === null) return null;
  return {
    schemaVersion: 1,
    origin,
    dataUrl: `data:image/${type};base64,${base64(bytes)}`,
    from,
    fetchedAt: now.toISOString(),
  };
}

/**
 * Learns a site's icon while the person is on it (called after an announce): fetched by the
 * background from the site's own origin, without cookies, at most once a day per origin and
 * source, bounded in size, and kept as a data URL — the popup shows it without any request, so
 * opening the popup tells no site anything. Any failure leaves the icon as it was (the popup
 * falls back to a monogram); it never fails the announce.
 */
export async function learnIcon(
  deps: BackgroundDeps,
  origin: string,
  favIconUrl: string | undefined,
): Promise<void> {
  if (!deps.fetchIcon) return;
  try {
    const from = iconSource(origin, favIconUrl);
    const now = deps.now().getTime();
    const kept = await deps.store.getIcon(origin);
    if (kept && kept.from === from && now - Date.parse(kept.fetchedAt) < ICON_REFRESH_MS) return;
    // A source that gave nothing (no icon there) is not asked again on every announce.
    const key = `${origin} ${from}`;
    if (now - (attempts.get(key) ?? Number.NEGATIVE_INFINITY) < ICON_RETRY_MS) return;
    attempts.set(key, now);
    const fetched = await deps.fetchIcon(from, MAX_ICON_BYTES);
    // A redirect may not leave the site's origin either.
    if (!fetched || new URL(fetched.url).origin !== origin) return;
    const icon = iconFromBytes(origin, from, fetched.bytes, deps.now());
    if (icon) await deps.store.putIcon(icon);
  } catch (error) {
    console.warn(`[coreitsm] icon of ${origin} not kept: ${String(error)}`);
  }
}
