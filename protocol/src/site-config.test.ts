import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssues } from './issues.js';
import { type SiteConfig, SiteConfigSchema } from './site-config.js';

/** The Service Desk's configuration as the demo will ship it: every field in use. */
const full: SiteConfig = {
  siteName: 'CoreITsm Service Desk',
  purposes: ['functional', 'analytics', 'marketing'],
  services: [
    {
      id: 'google-analytics',
      name: 'Google Analytics',
      purpose: 'analytics',
      provider: 'Google LLC',
      privacyUrl: 'https://policies.google.com/privacy',
      cookies: [
        { name: '_ga', duration: '2 years', description: 'Tells visitors apart' },
        { name: '_ga_*', duration: '2 years' },
      ],
    },
    { id: 'intercom', name: 'Intercom', purpose: 'functional' },
  ],
  texts: {
    en: {
      bannerTitle: 'Your privacy at the Service Desk',
      purposes: { analytics: { name: 'Usage statistics' } },
    },
    'pt-PT': { bannerText: 'Usamos cookies…' },
  },
  policyHistory: [
    { version: '2026-04-08', effective: '2026-04-08', changes: { en: 'First version.' } },
    {
      version: '2026-11-01',
      effective: '2026-11-15',
      changes: { en: 'Adds Hotjar.', 'pt-PT': 'Acrescenta o Hotjar.' },
    },
  ],
};

const errorOf = (value: unknown) => {
  const result = SiteConfigSchema.safeParse(value);
  return result.success ? null : formatIssues(result.error);
};

describe('SiteConfigSchema', () => {
  it('accepts the contract example with every field, and an empty config', () => {
    expect(errorOf(full)).toBeNull();
    expect(errorOf({})).toBeNull();
  });

  it.each([
    [{ ...full, purposes: ['analytics', 'necessary'] }, /^purposes\.1: /],
    [{ ...full, purposes: ['analytics', 'analytics'] }, /^purposes\.1: repeats the purpose "analytics"/],
    [{ ...full, services: [{ ...full.services?.[0], purpose: 'ads' }] }, /^services\.0\.purpose: /],
    [
      { ...full, purposes: ['functional'] },
      /^services\.0\.purpose: "analytics" is not one of this site's purposes/,
    ],
    [
      { ...full, services: [{ ...full.services?.[0], privacyUrl: 'javascript:alert(1)' }] },
      /^services\.0\.privacyUrl: /,
    ],
    [
      { ...full, services: [{ ...full.services?.[0], cookies: [{ name: 'a b' }] }] },
      /^services\.0\.cookies\.0\.name: /,
    ],
    [
      { ...full, services: [{ ...full.services?.[0], cookies: [{ name: '_ga', colour: 'red' }] }] },
      /^services\.0\.cookies\.0\.colour: is not a known field/,
    ],
    [
      { ...full, services: [full.services?.[1], full.services?.[1]] },
      /^services\.1: repeats the service id "intercom"/,
    ],
    [{ ...full, texts: { english: {} } }, /^texts/],
    [{ ...full, texts: { en: { bannerTitel: 'x' } } }, /^texts\.en\.bannerTitel: is not a known field/],
    [{ ...full, texts: { en: { purposes: { necessary: { name: 'x' } } } } }, /^texts\.en\.purposes/],
    [
      { ...full, policyHistory: [{ version: 'v1', effective: '8 April 2026', changes: {} }] },
      /^policyHistory\.0\.effective: /,
    ],
    [{ ...full, siteName: '' }, /^siteName: /],
    [{ ...full, siteName: 'x'.repeat(201) }, /^siteName: /],
    [{ ...full, extra: true }, /^extra: is not a known field/],
    [[], /^\(root\): /],
    [null, /^\(root\): /],
  ])('refuses %j naming the field', (value, message) => {
    expect(errorOf(value)).toMatch(message);
  });

  it('refuses a generated bad value anywhere in a valid config, naming where (property)', () => {
    // Replace one leaf of the full config with a value of the wrong type: the error names its path.
    const leaves: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) walk(v, [...path, i]);
      } else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
      else leaves.push(path);
    };
    walk(full, []);
    const wrong = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant({}), fc.constant([]));
    fc.assert(
      fc.property(fc.constantFrom(...leaves), wrong, (path, bad) => {
        const copy = structuredClone(full) as unknown as Record<string | number, unknown>;
        let at: Record<string | number, unknown> = copy;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
        at[path.at(-1) as string | number] = bad;
        const error = errorOf(copy);
        expect(error).not.toBeNull();
        // The message names the path of the replaced leaf (or the record key holding it).
        expect(error).toContain(path.slice(0, -1).join('.'));
      }),
      { numRuns: 300 },
    );
  });
});
