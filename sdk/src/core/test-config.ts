import type { Jurisdiction } from '@coreitsm/protocol';
import type { SdkConfig } from './types.js';

/** A valid config for tests (not exported from the package entry). */
export function testConfig(
  overrides: Partial<SdkConfig> = {},
  jurisdiction: Jurisdiction = 'gdpr',
): SdkConfig {
  return {
    siteId: 'servicedesk',
    api: null,
    policyVersion: '2026-04-08',
    policyUrl: 'http://localhost:8081/privacy',
    jurisdiction,
    lang: null,
    nonce: null,
    expiryMonths: 12,
    gppCmpId: 0,
    origin: 'http://localhost:8081',
    configUrl: null,
    site: null,
    ...overrides,
  };
}
