import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/read-config.js';
import { checkConfig } from './check-config.js';

const env = {
  baseUrl: 'https://shop.example/page',
  origin: 'https://shop.example',
  timeZone: 'Europe/Lisbon',
};

// Values near each attribute's rule, valid and not, so both sides of every rule are exercised.
const attributes = fc.record(
  {
    site: fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,70}$/), fc.string({ maxLength: 10 })),
    api: fc.oneof(
      fc.constantFrom('', '/api', 'https://consent.example/', 'ftp://x', 'javascript:x', 'http://'),
      fc.webUrl(),
    ),
    'policy-version': fc.oneof(fc.stringMatching(/^[\w.:+-]{0,70}$/), fc.string({ maxLength: 8 })),
    'policy-url': fc.oneof(fc.constantFrom('', '/privacy', 'mailto:x@y'), fc.webUrl()),
    jurisdiction: fc.constantFrom('auto', 'gdpr', 'lgpd', 'pipeda', 'ccpa', 'none', 'GDPR', '', 'eu'),
    lang: fc.oneof(fc.stringMatching(/^[A-Za-z]{1,4}(-[A-Za-z0-9]{1,9}){0,4}$/), fc.string({ maxLength: 6 })),
    nonce: fc.oneof(fc.stringMatching(/^[A-Za-z0-9+/_=-]{0,300}$/), fc.string({ maxLength: 8 })),
    'expiry-months': fc.oneof(
      fc.integer({ min: -5, max: 130 }).map(String),
      fc.constantFrom('', '1.5', '06', 'x'),
    ),
    'gpp-cmp-id': fc.oneof(
      fc.integer({ min: -5, max: 5000 }).map(String),
      fc.constantFrom('', '4095', '4096', '0042', '1e3', ' 7'),
    ),
  },
  { requiredKeys: [] },
);

describe('checkConfig agrees with parseConfig (zod)', () => {
  it('accepts and rejects the same attributes, and builds the same config', () => {
    fc.assert(
      fc.property(attributes, (raw) => {
        const zod = parseConfig(raw, env);
        expect(checkConfig(raw, env)).toEqual(zod.ok ? zod.config : null);
      }),
      { numRuns: 3000 },
    );
  });
});
