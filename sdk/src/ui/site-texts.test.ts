// @vitest-environment happy-dom
import type { SiteConfig } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { acceptAllChoices, defaultChoices } from '../core/choices.js';
import { currentState } from '../core/current-state.js';
import { testConfig } from '../core/test-config.js';
import { declaredCookies } from '../gating/cookies.js';
import de from '../i18n/de.js';
import en from '../i18n/en.js';
import { siteStrings } from './site-texts.js';

const site: SiteConfig = {
  purposes: ['analytics'],
  services: [
    {
      id: 'ga',
      name: 'Google Analytics',
      purpose: 'analytics',
      cookies: [{ name: '_ga' }, { name: '_ga_*' }],
    },
  ],
  texts: {
    en: { bannerTitle: 'Service Desk privacy', purposes: { analytics: { name: 'Usage statistics' } } },
  },
};

describe('the site configuration in the SDK', () => {
  it('lays its texts over the built-ins for its languages only', () => {
    const own = siteStrings(en, site, 'en');
    expect(own.bannerTitle).toBe('Service Desk privacy');
    expect(own.bannerText).toBe(en.bannerText);
    expect(own.purposes.analytics).toEqual({
      name: 'Usage statistics',
      description: en.purposes.analytics.description,
    });
    expect(own.purposes.marketing).toEqual(en.purposes.marketing);
    // A language the site does not translate keeps every built-in text.
    expect(siteStrings(en, site, 'de')).toBe(en);
  });

  it('names the site in the banner title where it gives no title of its own (siteName)', () => {
    const named = { ...site, siteName: 'CoreITsm Status Portal' };
    expect(siteStrings(en, named, 'en').bannerTitle).toBe('Service Desk privacy'); // its own title wins
    expect(siteStrings(de, named, 'de').bannerTitle).toBe(
      'Ihre Datenschutzeinstellungen bei CoreITsm Status Portal',
    );
    expect(siteStrings(de, named, 'de').bannerText).toBe(de.bannerText);
    expect(siteStrings(en, { siteName: 'Portal' }, 'en').bannerTitle).toBe('Your privacy choices at Portal');
  });

  it('never grants a purpose the site does not use: defaults, accept all, stored records', () => {
    expect(acceptAllChoices('gdpr', false, site.purposes)).toMatchObject({
      analytics: 'granted',
      marketing: 'denied',
      functional: 'denied',
    });
    expect(defaultChoices('ccpa', false, site.purposes)).toMatchObject({
      analytics: 'granted',
      sale_sharing: 'denied',
    });
    const config = testConfig({ site });
    const record = {
      id: '0190a5c4-0000-7000-8000-000000000001',
      schemaVersion: 1,
      subjectId: 'sub_x',
      siteId: config.siteId,
      origin: config.origin,
      policyVersion: config.policyVersion,
      policyUrl: config.policyUrl,
      jurisdiction: 'gdpr',
      choices: acceptAllChoices('gdpr', false),
      method: 'accept-all',
      gpc: false,
      language: 'en',
      createdAt: new Date().toISOString(),
      previous: null,
    } as const;
    const state = currentState(config, record, false, new Date());
    expect(state.choices).toMatchObject({ necessary: 'granted', analytics: 'granted', marketing: 'denied' });
    expect(currentState(testConfig(), record, false, new Date()).choices.marketing).toBe('granted');
  });

  it('deletes the configured services’ cookies with their purpose', () => {
    document.body.innerHTML =
      '<script type="text/plain" data-consent="analytics" data-cookies="_hj*"></script>';
    expect(declaredCookies(document, 'analytics', site.services).sort()).toEqual(['_ga', '_ga_*', '_hj*']);
    expect(declaredCookies(document, 'marketing', site.services)).toEqual([]);
  });
});
