import type { BannerStrings, Strings } from './strings.js';

/** What the banner shows: its own file (coreconsent-banner-lang-*.js), so a first visit loads only these. */
export const banner: BannerStrings = {
  bannerTitle: 'Your privacy choices',
  bannerText:
    'We use cookies and similar technologies for site functions, analytics and marketing. Necessary ones are always on; the rest only with your consent. You can change your mind at any time.',
  gpcHonored: 'Opt-out preference signal honored',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customize: 'Customize',
  doNotSell: 'Do Not Sell or Share My Personal Information',
  limitSensitive: 'Limit the Use of My Sensitive Personal Information',
  policy: 'Privacy policy',
};

const en: Strings = {
  ...banner,
  save: 'Save choices',
  close: 'Close',
  preferencesTitle: 'Privacy preferences',
  preferencesIntro:
    'Choose what we may use. Your choice applies to this site and is recorded as proof of consent.',
  policyVersion: 'Policy version {v}',
  alwaysOn: 'Always on',
  cookie: 'Cookie',
  duration: 'Duration',
  whatFor: 'What for',
  policyHistoryTitle: 'Privacy policy versions',
  purposes: {
    necessary: {
      name: 'Necessary',
      description: 'Needed for the site to work, such as sign-in and security. Always on.',
    },
    functional: { name: 'Functional', description: 'Remembers your settings, such as language and layout.' },
    analytics: {
      name: 'Analytics',
      description: 'Counts visits and measures how the site is used, so we can improve it.',
    },
    marketing: {
      name: 'Marketing',
      description: 'Shows relevant advertising and measures campaigns, on this and other sites.',
    },
    sale_sharing: {
      name: 'Sale or sharing of personal information',
      description:
        'Sharing your personal information with third parties for cross-context advertising. Off means you opted out.',
    },
    sensitive_limit: {
      name: 'Use of sensitive personal information',
      description:
        'Using sensitive personal information beyond what is needed for the service. Off means you limited it.',
    },
  },
  historyTitle: 'Your consent history',
  historyEmpty: 'No choices recorded yet.',
  methods: {
    'accept-all': 'Accepted all',
    'reject-all': 'Rejected all',
    preferences: 'Saved preferences',
    gpc: 'Opt-out preference signal',
    api: 'Changed by the site',
    'extension-revoke': 'Revoked from the browser extension',
    'server-sync': 'Synced',
    expiry: 'Expired',
  },
  granted: 'on',
  denied: 'off',
  rightsTitle: 'Your privacy rights',
  rightsIntro: 'Ask us to show, correct, delete or export your data, or to stop using it.',
  rightsKind: 'Request',
  rightsKinds: {
    access: 'Access my data',
    rectification: 'Correct my data',
    erasure: 'Delete my data',
    restriction: 'Restrict processing',
    objection: 'Object to processing',
    portability: 'Export my data',
    'opt-out': 'Opt out of sale or sharing',
  },
  rightsContact: 'Contact e-mail (optional)',
  rightsDetails: 'Details (optional)',
  rightsSubmit: 'Send request',
  rightsFiled: 'Request {id} received. We will answer by {date}.',
  rightsError: 'The request could not be sent: {error}',
  rightsOffline: 'Requests cannot be sent from this site right now.',
  placeholderText: 'This content needs your consent for {purpose}.',
  placeholderAllow: 'Allow {purpose}',
  saved: 'Your choices were saved.',
};
export default en;
