import type { SiteConfig } from '@coreitsm/protocol';
import { DEFAULT_POLICY_VERSION, type SiteDefinition, UPDATED_POLICY_VERSION } from './site-definitions.js';

/**
 * Each demo site's configuration (contract: "Site configuration (SDK)"), inlined before the SDK's
 * script tag as a site would ship it: its name, the subprocessors the privacy policy names
 * (analytics: Google Analytics, Mixpanel, Hotjar; support: Intercom, Zendesk, Twilio) with their
 * cookies, and a policy history of two versions, so "Simulate a policy update" has real changes.
 *
 * The Service Desk offers every purpose; the Status Portal lists `purposes` without marketing, so
 * there marketing is never shown nor granted (a record still carries it, denied: records are full
 * snapshots of the jurisdiction's purposes).
 */
const policyHistory: SiteConfig['policyHistory'] = [
  {
    version: DEFAULT_POLICY_VERSION,
    effective: DEFAULT_POLICY_VERSION,
    changes: {
      en: 'First version of the privacy policy: cookie and marketing choices, Do Not Sell or Share, access and portability.',
      'pt-PT': 'Primeira versão da política de privacidade.',
    },
  },
  {
    version: UPDATED_POLICY_VERSION,
    effective: UPDATED_POLICY_VERSION,
    changes: {
      en: 'Adds Hotjar session recordings to analytics and names Twilio for support text messages.',
      'pt-PT':
        'Acrescenta as gravações de sessão do Hotjar à análise e indica a Twilio para as mensagens de apoio.',
    },
  },
];

const analytics: NonNullable<SiteConfig['services']> = [
  {
    id: 'google-analytics',
    name: 'Google Analytics',
    purpose: 'analytics',
    provider: 'Google LLC',
    privacyUrl: 'https://policies.google.com/privacy',
    cookies: [
      { name: '_ga', duration: '2 years', description: 'Tells visitors apart.' },
      { name: '_ga_*', duration: '2 years', description: 'Keeps the state of a visit.' },
    ],
  },
  {
    id: 'mixpanel',
    name: 'Mixpanel',
    purpose: 'analytics',
    provider: 'Mixpanel, Inc.',
    privacyUrl: 'https://mixpanel.com/legal/privacy-policy',
    cookies: [{ name: 'mp_*', duration: '1 year', description: 'Counts how features are used.' }],
  },
  {
    id: 'demo-analytics',
    name: 'CoreITsm usage statistics (this demo)',
    purpose: 'analytics',
    provider: 'CoreITsm',
    cookies: [
      { name: 'demo_analytics_id', duration: '1 year', description: 'The demo analytics tag’s visitor id.' },
    ],
  },
];

const support: NonNullable<SiteConfig['services']> = [
  {
    id: 'intercom',
    name: 'Intercom',
    purpose: 'functional',
    provider: 'Intercom, Inc.',
    privacyUrl: 'https://www.intercom.com/legal/privacy',
    cookies: [{ name: 'intercom-id-*', duration: '9 months', description: 'Keeps your support chat.' }],
  },
  {
    id: 'zendesk',
    name: 'Zendesk',
    purpose: 'functional',
    provider: 'Zendesk, Inc.',
    privacyUrl: 'https://www.zendesk.com/company/agreements-and-terms/privacy-notice/',
  },
];

export const SITE_CONFIGS: Record<SiteDefinition['id'], SiteConfig> = {
  servicedesk: {
    siteName: 'CoreITsm Service Desk',
    services: [
      ...analytics,
      {
        id: 'hotjar',
        name: 'Hotjar',
        purpose: 'analytics',
        provider: 'Hotjar Ltd.',
        privacyUrl: 'https://www.hotjar.com/legal/policies/privacy/',
        cookies: [
          { name: '_hjSessionUser_*', duration: '1 year', description: 'Recognises a returning visitor.' },
        ],
      },
      ...support,
      {
        id: 'twilio',
        name: 'Twilio',
        purpose: 'functional',
        provider: 'Twilio Inc.',
        privacyUrl: 'https://www.twilio.com/en-us/legal/privacy',
      },
      {
        id: 'demo-pixel',
        name: 'Marketing pixel (this demo)',
        purpose: 'marketing',
        provider: 'CoreITsm',
        cookies: [{ name: 'demo_marketing_id', duration: '1 year', description: 'Measures campaigns.' }],
      },
    ],
    texts: { en: { bannerTitle: 'Your privacy at the CoreITsm Service Desk' } },
    policyHistory,
  },
  status: {
    siteName: 'CoreITsm Status Portal',
    // No marketing here: the portal shows service status, it runs no campaign pixel. California's
    // opt-outs stay (the statutory choices; GPC speaks for sale/sharing).
    purposes: ['functional', 'analytics', 'sale_sharing', 'sensitive_limit'],
    services: [...analytics, ...support],
    policyHistory,
  },
};

/** Whether a demo site's configuration offers `purpose` (no `purposes` list: every purpose). */
export function offers(id: SiteDefinition['id'], purpose: string): boolean {
  const purposes = SITE_CONFIGS[id].purposes;
  return !purposes || (purposes as readonly string[]).includes(purpose);
}

/**
 * A JSON value as the text of a `<script type="application/json">`: `<` written as `\u003c`, so
 * nothing in it can close the element (JSON.parse reads the escape back as `<`).
 */
export function jsonScriptText(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
