import { describe, expect, it } from 'vitest';
import { parseDemoQuery, withQuery } from './demo-query.js';
import { DEFAULT_POLICY_VERSION } from './site-definitions.js';

describe('parseDemoQuery', () => {
  it('defaults to the EU flow and the current policy', () => {
    const result = parseDemoQuery(new URLSearchParams(''));
    expect(result).toMatchObject({
      ok: true,
      query: { jurisdiction: 'gdpr', policyVersion: DEFAULT_POLICY_VERSION, lang: null },
    });
  });

  it('takes every contract jurisdiction and carries the demo parameters only', () => {
    for (const j of ['gdpr', 'ccpa', 'lgpd', 'pipeda', 'none', 'auto']) {
      const result = parseDemoQuery(new URLSearchParams({ jurisdiction: j, utm: 'x' }));
      if (!result.ok) throw new Error(result.message);
      expect(result.query.jurisdiction).toBe(j);
      expect(result.query.carried.toString()).toBe(`jurisdiction=${j}`);
    }
  });

  it('names the bad parameter', () => {
    const bad = parseDemoQuery(new URLSearchParams({ jurisdiction: 'eu' }));
    expect(bad).toEqual({
      ok: false,
      message: expect.stringMatching(/^jurisdiction: must be one of "gdpr"/),
    });
    const badPolicy = parseDemoQuery(new URLSearchParams({ policy: '<script>' }));
    expect(badPolicy).toEqual({ ok: false, message: expect.stringMatching(/^policy: /) });
  });
});

describe('withQuery', () => {
  it('keeps, replaces and removes parameters', () => {
    const carried = new URLSearchParams({ jurisdiction: 'ccpa', policy: '2' });
    expect(withQuery('/privacy', carried)).toBe('/privacy?jurisdiction=ccpa&policy=2');
    expect(withQuery('/', carried, { policy: null, jurisdiction: 'gdpr' })).toBe('/?jurisdiction=gdpr');
    expect(withQuery('/', new URLSearchParams())).toBe('/');
  });
});
