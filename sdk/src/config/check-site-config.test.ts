import { MAX_SITE_CONFIG_BYTES as PROTOCOL_MAX, SiteConfigSchema } from '@coreitsm/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSiteConfig } from './check-site-config.js';
import { MAX_SITE_CONFIG_BYTES } from './site-config-entry.js';

/**
 * Values near each field's rule, valid and not, so both sides of every rule are exercised: mostly
 * valid (a config fails at its first bad field, so each must be rare for later fields to be reached).
 */
const rare = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 30, arbitrary: good }, { weight: 1, arbitrary: bad });
const shortText = rare(
  fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('a'.repeat(200), 'ok name')),
  fc.constantFrom('', 'a'.repeat(201), 'x\u202Ey', 'tab\there'),
);
const longText = rare(
  fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constant('b'.repeat(4000))),
  fc.constantFrom('', 'b'.repeat(4001)),
);
const purpose = rare(
  fc.constantFrom('functional', 'analytics', 'marketing', 'sale_sharing', 'sensitive_limit'),
  fc.constantFrom('necessary', 'ads', ''),
);
const language = rare(
  fc.constantFrom('en', 'pt-PT', 'de', 'zh-Hant-TW'),
  fc.constantFrom('e', 'english', 'pt_PT', ''),
);
const anything = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.string({ maxLength: 4 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => rare(arb, anything);
/** An object that now and then carries a field the schema does not know. */
const record = <T extends Record<string, unknown>>(
  fields: { [K in keyof T]: fc.Arbitrary<T[K]> },
  requiredKeys: (keyof T)[],
) =>
  maybe(
    fc
      .tuple(fc.record(fields, { requiredKeys }), rare(fc.constant(null), fc.constantFrom('extra', 'theme')))
      .map(([value, stray]) => (stray ? { ...value, [stray]: 'x' } : value)),
  );

const cookie = record(
  {
    name: rare(
      fc.constantFrom('_ga', '_ga_*', 'n'.repeat(128), `${'n'.repeat(128)}*`),
      fc.constantFrom('a*b', '*', 'ga;x', 'n'.repeat(129), 'hj Session'),
    ),
    duration: shortText,
    description: longText,
  },
  ['name'],
);
const service = record(
  {
    id: rare(
      fc.constantFrom('ga', 'google-analytics', 'hotjar', 'a'.repeat(64)),
      fc.constantFrom('Hotjar', '-x', 'a'.repeat(65), ''),
    ),
    name: shortText,
    purpose,
    provider: shortText,
    privacyUrl: rare(
      fc.constantFrom('https://p.example/privacy', 'http://x'),
      fc.constantFrom('ftp://x', 'javascript:alert(1)', '/privacy', ''),
    ),
    cookies: maybe(fc.array(cookie, { maxLength: 3 })),
  },
  ['id', 'name', 'purpose'],
);
const texts = record(
  {
    bannerTitle: shortText,
    bannerText: longText,
    purposes: maybe(
      fc.dictionary(purpose, record({ name: shortText, description: longText }, []), { maxKeys: 2 }),
    ),
  },
  [],
);
const policyEntry = record(
  {
    version: rare(
      fc.constantFrom('2026-04-08', '1.0.0', '2026-11-01', 'x'.repeat(64)),
      fc.constantFrom('v 2', '', 'x'.repeat(65)),
    ),
    effective: rare(
      fc.constantFrom('2026-04-08', '2024-02-29', '0000-01-01', '2000-02-29'),
      fc.constantFrom('2026-02-29', '1900-02-29', '2026-13-01', '2026-4-8', '2026-04-08T00:00:00Z'),
    ),
    changes: maybe(fc.dictionary(language, longText, { maxKeys: 2 })),
  },
  ['version', 'effective', 'changes'],
);
/** A list, mostly without repeats (a repeat is an error, so it must be rare to reach the rest). */
const list = <T>(item: fc.Arbitrary<T>, key: (x: T) => unknown, maxLength: number) =>
  maybe(
    rare(
      fc.uniqueArray(item, { maxLength, selector: (x) => (x && typeof x === 'object' ? key(x) : x) }),
      fc.array(item, { maxLength: maxLength + 1 }),
    ),
  );
const byField = (field: string) => (x: unknown) => (x as Record<string, unknown>)[field];
const siteConfig = record(
  {
    siteName: shortText,
    purposes: list(purpose, (p) => p, 5),
    services: list(service, byField('id'), 3),
    texts: maybe(fc.dictionary(language, texts, { maxKeys: 2 })),
    policyHistory: list(policyEntry, byField('version'), 3),
  },
  [],
);

describe('checkSiteConfig agrees with SiteConfigSchema (zod)', () => {
  it('refuses configs above the protocol size limit', () => expect(MAX_SITE_CONFIG_BYTES).toBe(PROTOCOL_MAX));

  it('accepts and rejects the same configs, and names a field zod names', () => {
    let rejected = 0;
    fc.assert(
      fc.property(siteConfig, (config) => {
        const zod = SiteConfigSchema.safeParse(config);
        const ours = checkSiteConfig(config);
        if (zod.success) {
          expect(ours).toEqual({ config });
          return;
        }
        rejected++;
        expect('error' in ours).toBe(true);
        const path = 'error' in ours ? ours.error.slice(0, ours.error.indexOf(': ')) : '';
        // Every path zod names (listIssues drops empty keys, so join the raw paths).
        const named = zod.error.issues.flatMap((i) =>
          (i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k]) : [i.path]).map(
            (parts) => parts.map(String).join('.') || '(root)',
          ),
        );
        expect(named, path).toContain(path);
      }),
      { numRuns: 4000 },
    );
    // The generator must exercise both sides, or this test proves nothing.
    expect(rejected).toBeGreaterThan(400);
    expect(rejected).toBeLessThan(3800);
  });

  it.each([
    ['{}', null],
    [
      {
        purposes: ['analytics'],
        services: [{ id: 'ga', name: 'GA', purpose: 'marketing' }],
      },
      'services.0.purpose: "marketing" is not one of',
    ],
    [
      {
        services: [
          {
            id: 'ga',
            name: 'GA',
            purpose: 'analytics',
            cookies: [{ name: 'a;b' }],
          },
        ],
      },
      'services.0.cookies.0.name: must be a cookie name',
    ],
    [
      { texts: { en: { purposes: { necessary: { name: 'x' } } } } },
      'texts.en.purposes.necessary: must be one of',
    ],
    [
      {
        policyHistory: [{ version: '2', effective: '2026-02-30', changes: {} }],
      },
      'policyHistory.0.effective: must be a date',
    ],
    [{ siteName: 'a', colour: 'red' }, 'colour: is not a known field'],
    [[], '(root): must be an object'],
  ])('%j → %s', (config, message) => {
    const result = checkSiteConfig(config === '{}' ? {} : config);
    if (message === null) expect(result).toEqual({ config: {} });
    else expect('error' in result && result.error).toContain(message);
  });
});
