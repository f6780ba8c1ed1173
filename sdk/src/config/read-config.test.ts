import { describe, expect, it } from 'vitest';
import { parseConfig } from './read-config.js';
import { guessJurisdiction } from './resolve-jurisdiction.js';

const env = {
  baseUrl: 'http://localhost:8081/tickets/1',
  origin: 'http://localhost:8081',
  timeZone: 'Europe/Lisbon',
};

describe('parseConfig', () => {
  it('reads a full config and resolves relative URLs against the page', () => {
    const result = parseConfig(
      {
        site: 'servicedesk',
        api: 'http://127.0.0.1:8787/',
        'policy-version': '2026-04-08',
        'policy-url': '/privacy',
        jurisdiction: 'ccpa',
        lang: 'pt-PT',
        nonce: 'abc123==',
        'expiry-months': '6',
        'gpp-cmp-id': '300',
        config: '/consent-config.json',
      },
      env,
    );
    expect(result).toEqual({
      ok: true,
      config: {
        siteId: 'servicedesk',
        api: 'http://127.0.0.1:8787',
        policyVersion: '2026-04-08',
        policyUrl: 'http://localhost:8081/privacy',
        jurisdiction: 'ccpa',
        lang: 'pt-PT',
        nonce: 'abc123==',
        expiryMonths: 6,
        gppCmpId: 300,
        origin: 'http://localhost:8081',
        configUrl: 'http://localhost:8081/consent-config.json',
        site: null,
      },
    });
  });

  it('defaults: offline, auto jurisdiction from the time zone, 12 months', () => {
    const result = parseConfig(
      { site: 'status', 'policy-version': 'v1' },
      { ...env, timeZone: 'America/Los_Angeles' },
    );
    expect(result.ok && result.config).toMatchObject({
      api: null,
      policyUrl: null,
      jurisdiction: 'ccpa',
      expiryMonths: 12,
      gppCmpId: 0,
    });
  });

  it.each([
    [{ 'policy-version': 'v1' }, 'data-site: is required'],
    [{ site: 'Bad Site!', 'policy-version': 'v1' }, 'data-site:'],
    [{ site: 'ok' }, 'data-policy-version: is required'],
    [{ site: 'ok', 'policy-version': 'v1', jurisdiction: 'eu' }, 'data-jurisdiction: must be one of'],
    [{ site: 'ok', 'policy-version': 'v1', api: 'ftp://x' }, 'data-api:'],
    [{ site: 'ok', 'policy-version': 'v1', lang: 'english!' }, 'data-lang:'],
    [{ site: 'ok', 'policy-version': 'v1', nonce: '"><script>' }, 'data-nonce:'],
    [{ site: 'ok', 'policy-version': 'v1', 'expiry-months': '99' }, 'data-expiry-months:'],
    [{ site: 'ok', 'policy-version': 'v1', 'gpp-cmp-id': '4096' }, 'data-gpp-cmp-id: must be at most 4095'],
    [{ site: 'ok', 'policy-version': 'v1', 'gpp-cmp-id': '-1' }, 'data-gpp-cmp-id: must be a whole number'],
  ])('names the bad attribute: %j', (raw, message) => {
    const result = parseConfig(raw as Record<string, string>, env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe('guessJurisdiction', () => {
  it('maps time zones, falling back to the strictest regime', () => {
    expect(guessJurisdiction('America/New_York')).toBe('ccpa');
    expect(guessJurisdiction('America/Toronto')).toBe('pipeda');
    expect(guessJurisdiction('America/Sao_Paulo')).toBe('lgpd');
    expect(guessJurisdiction('Europe/Berlin')).toBe('gdpr');
    expect(guessJurisdiction('Asia/Tokyo')).toBe('gdpr');
    expect(guessJurisdiction(undefined)).toBe('gdpr');
  });
});
