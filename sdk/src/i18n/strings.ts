/**
 * Every text the UI shows. One module per language (`en.ts`, `pt-PT.ts`, …), each built into its
 * own file and loaded only for the visitor's language.
 */
export interface Strings {
  bannerTitle: string;
  bannerText: string;
  /** Shown in the banner when the GPC signal is honored. */
  gpcHonored: string;
  acceptAll: string;
  rejectAll: string;
  customize: string;
  save: string;
  close: string;
  doNotSell: string;
  limitSensitive: string;
  preferencesTitle: string;
  preferencesIntro: string;
  policy: string;
  /** "Policy version {v}". */
  policyVersion: string;
  alwaysOn: string;
  /** The columns of a service's cookie table. */
  cookie: string;
  duration: string;
  whatFor: string;
  /** The preference center's list of policy versions (site configuration `policyHistory`). */
  policyHistoryTitle: string;
  purposes: Record<
    'necessary' | 'functional' | 'analytics' | 'marketing' | 'sale_sharing' | 'sensitive_limit',
    { name: string; description: string }
  >;
  historyTitle: string;
  historyEmpty: string;
  methods: Record<string, string>;
  granted: string;
  denied: string;
  rightsTitle: string;
  rightsIntro: string;
  rightsKind: string;
  rightsKinds: Record<
    'access' | 'rectification' | 'erasure' | 'restriction' | 'objection' | 'portability' | 'opt-out',
    string
  >;
  rightsContact: string;
  rightsDetails: string;
  rightsSubmit: string;
  /** "Request {id} received. We will answer by {date}." */
  rightsFiled: string;
  rightsError: string;
  rightsOffline: string;
  /** Placeholder on blocked embeds: "This content needs your consent for {purpose}." */
  placeholderText: string;
  /** "Allow {purpose}". */
  placeholderAllow: string;
  saved: string;
}

/** The strings the banner shows (the first visit's translation file holds only these). */
export type BannerStrings = Pick<
  Strings,
  | 'bannerTitle'
  | 'bannerText'
  | 'gpcHonored'
  | 'acceptAll'
  | 'rejectAll'
  | 'customize'
  | 'doNotSell'
  | 'limitSensitive'
  | 'policy'
>;

/** `{name}` placeholders in a string, filled from `values`. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}
