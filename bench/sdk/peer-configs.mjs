// The peers' set-up for the bench page, each as its own docs say, for a banner equivalent to ours: the purposes
// functional, analytics and marketing (plus the always-on necessary one), Accept all / Reject all / settings, English,
// stored in the peer's own default way (both use a first-party cookie). The gated tag is an inline script in each
// library's own markup for "run this only after consent to analytics".

/**
 * What the gated inline tag does when it runs: stamps the time since navigation start and tells the bench (one
 * console message: waiting in Node costs the page nothing, where a polling predicate would add main-thread time).
 */
export const TAG_BODY = "window.__benchTag=performance.now();console.debug('bench:tag');";

/** vanilla-cookieconsent v3: `CookieConsent.run(config)` (https://cookieconsent.orestbida.com/reference/configuration-reference.html). */
export const COOKIECONSENT_INIT = `
CookieConsent.run({
  // Its default hides the banner from automated browsers (navigator.webdriver); this bench is one.
  hideFromBots: false,
  categories: {
    necessary: { enabled: true, readOnly: true },
    functional: {},
    analytics: {},
    marketing: {},
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'We value your privacy',
          description: 'We use cookies for functionality, analytics and marketing. Choose what you allow.',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Customize',
        },
        preferencesModal: {
          title: 'Privacy preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save choices',
          sections: [
            { title: 'Necessary', linkedCategory: 'necessary' },
            { title: 'Functional', linkedCategory: 'functional' },
            { title: 'Analytics', linkedCategory: 'analytics' },
            { title: 'Marketing', linkedCategory: 'marketing' },
          ],
        },
      },
    },
  },
});`;

/**
 * klaro 0.7: a global `klaroConfig` defined before klaro.js runs (its README and annotated dist/config.js). Served
 * as the first statement of the klaro file itself, so it is one async script like the others and its bytes count.
 * One service per purpose, grouped by purpose, as klaro models consent.
 */
export const KLARO_CONFIG = `
var klaroConfig = {
  version: 1,
  elementID: 'klaro',
  lang: 'en',
  htmlTexts: false,
  groupByPurpose: true,
  storageMethod: 'cookie',
  cookieName: 'klaro',
  cookieExpiresAfterDays: 365,
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  hideLearnMore: false,
  noticeAsModal: false,
  translations: {
    zz: { privacyPolicyUrl: '/privacy' },
    en: {
      consentModal: { title: 'Privacy preferences', description: 'Choose what you allow.' },
      purposes: { functional: 'Functional', analytics: 'Analytics', marketing: 'Marketing' },
    },
  },
  services: [
    { name: 'preferences', title: 'Preferences', purposes: ['functional'] },
    { name: 'analytics', title: 'Analytics', purposes: ['analytics'] },
    { name: 'advertising', title: 'Advertising', purposes: ['marketing'] },
  ],
};
`;
