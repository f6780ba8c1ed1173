import { isHttpUrl, LANGUAGE, OPTIONAL_PURPOSES, POLICY_VERSION, type SiteConfig } from '@coreitsm/protocol';

/**
 * The site configuration (contract: "Site configuration (SDK)") checked without zod: it is read on
 * the visitor's critical path (the banner shows its texts, gating obeys its purposes), where zod's
 * ~8 kB would break the first visit's byte budget. Accepts exactly what protocol's
 * `SiteConfigSchema` accepts — check-site-config.test.ts holds the two together with generated
 * configs — and names the field of the first problem (`services.0.purpose: …`), as zod would.
 */

/** A problem as `path: message`, or undefined when the value passes. */
type Check = (value: unknown, path: string) => string | undefined;

const at = (path: string, key: string | number) => (path ? `${path}.${key}` : `${key}`);
const fail = (path: string, message: string) => `${path || '(root)'}: ${message}`;
const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const text =
  (max: number, pattern?: RegExp, what?: string): Check =>
  (v, p) =>
    typeof v !== 'string' || v.length < 1 || v.length > max
      ? fail(p, `must be a text of 1–${max} characters`)
      : pattern && !pattern.test(v)
        ? fail(p, what ?? 'is not allowed here')
        : undefined;

const oneOf =
  (values: readonly string[]): Check =>
  (v, p) =>
    values.includes(v as string) ? undefined : fail(p, `must be one of ${values.join(', ')}`);

/** A strict object: every key known, the `required` ones present, each other field checked when present. */
const object =
  (shape: Record<string, Check>, required: readonly string[] = []): Check =>
  (v, p) => {
    if (!isPlain(v)) return fail(p, 'must be an object');
    for (const key of Object.keys(v))
      if (!Object.hasOwn(shape, key)) return fail(at(p, key), 'is not a known field');
    for (const key of Object.keys(shape)) {
      const check = shape[key] as Check;
      const problem =
        v[key] !== undefined
          ? check(v[key], at(p, key))
          : required.includes(key)
            ? fail(at(p, key), 'is required')
            : undefined;
      if (problem) return problem;
    }
    return undefined;
  };

/** A list of at most `max` items; with `key`, no two items may share it. */
const list =
  (item: Check, max: number, key?: (x: never) => string, what?: string): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'must be a list');
    if (v.length > max) return fail(p, `must hold at most ${max} entries`);
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], at(p, i));
      if (problem) return problem;
    }
    // Like zod: the list's own rule runs once every item has passed.
    const seen = new Set<string>();
    for (let i = 0; key && i < v.length; i++) {
      const k = key(v[i] as never);
      if (seen.has(k)) return fail(at(p, i), `repeats ${what} "${k}"`);
      seen.add(k);
    }
    return undefined;
  };

/** An object used as a map: every key passes `keyOk`, every value `value`. */
const map =
  (keyOk: (k: string) => boolean, keyRule: string, value: Check): Check =>
  (v, p) => {
    if (!isPlain(v)) return fail(p, 'must be an object');
    for (const k of Object.keys(v)) {
      if (!keyOk(k)) return fail(at(p, k), keyRule);
      const problem = value(v[k], at(p, k));
      if (problem) return problem;
    }
    return undefined;
  };

const isDate = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v);
};

const SHORT = text(200);
const LONG = text(4000);
const PURPOSE = oneOf(OPTIONAL_PURPOSES);
const LANGUAGE_KEY = 'must be a language tag like "en" or "pt-PT"';
const isLanguage = (k: string) => LANGUAGE.test(k);

const SERVICE = object(
  {
    id: text(64, /^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1–64 of a-z, 0-9, ".", "_" or "-"'),
    name: SHORT,
    purpose: PURPOSE,
    provider: SHORT,
    privacyUrl: (v, p) =>
      typeof v === 'string' && isHttpUrl(v) ? undefined : fail(p, 'must be an absolute http(s) URL'),
    cookies: list(
      object(
        {
          name: text(
            129,
            /^[!#$%&'+\-.^_`|~0-9A-Za-z]{1,128}\*?$/,
            'must be a cookie name (RFC 6265 token characters), optionally ending in "*" for a prefix',
          ),
          duration: SHORT,
          description: LONG,
        },
        ['name'],
      ),
      50,
    ),
  },
  ['id', 'name', 'purpose'],
);

const TEXTS = object({
  bannerTitle: SHORT,
  bannerText: LONG,
  purposes: map(
    (k) => OPTIONAL_PURPOSES.includes(k as never),
    `must be one of ${OPTIONAL_PURPOSES.join(', ')}`,
    object({ name: SHORT, description: LONG }),
  ),
});

const POLICY_ENTRY = object(
  {
    version: text(64, POLICY_VERSION, 'must be 1–64 of letters, digits, ".", ":", "+", "_" or "-"'),
    effective: (v, p) =>
      typeof v === 'string' && isDate(v) ? undefined : fail(p, 'must be a date like 2026-04-08'),
    changes: map(isLanguage, LANGUAGE_KEY, LONG),
  },
  ['version', 'effective', 'changes'],
);

const CONFIG = object({
  siteName: text(
    200,
    /^[^\p{Cc}\u202A-\u202E\u2066-\u2069]+$/u,
    'must hold no control characters or bidirectional overrides',
  ),
  purposes: list(PURPOSE, 8, (p: string) => p, 'the purpose'),
  services: list(SERVICE, 100, (s: { id: string }) => s.id, 'the service id'),
  texts: map(isLanguage, LANGUAGE_KEY, TEXTS),
  policyHistory: list(POLICY_ENTRY, 50, (e: { version: string }) => e.version, 'the version'),
});

/** The configuration, or the first problem as `field.path: message`. */
export function checkSiteConfig(value: unknown): { config: SiteConfig } | { error: string } {
  const problem = CONFIG(value, '');
  if (problem) return { error: problem };
  const config = value as SiteConfig;
  // A service under a purpose the site says it does not use would never be shown or allowed.
  const used = config.purposes;
  const stray = used && config.services?.findIndex((s) => !used.includes(s.purpose));
  if (used && stray !== undefined && stray >= 0)
    return {
      error: fail(
        `services.${stray}.purpose`,
        `"${config.services?.[stray]?.purpose}" is not one of this site's purposes (${used.join(', ')})`,
      ),
    };
  return { config };
}
