import type { BannerStrings, Strings } from './strings.js';

/** What the banner shows: its own file (coreconsent-banner-lang-*.js), so a first visit loads only these. */
export const banner: BannerStrings = {
  bannerTitle: 'Ihre Datenschutzeinstellungen',
  bannerText:
    'Wir verwenden Cookies und ähnliche Technologien für Website-Funktionen, Statistik und Marketing. Notwendige sind immer aktiv, alle anderen nur mit Ihrer Einwilligung. Sie können Ihre Wahl jederzeit ändern.',
  gpcHonored: 'Opt-out-Präferenzsignal berücksichtigt',
  acceptAll: 'Alle akzeptieren',
  rejectAll: 'Alle ablehnen',
  customize: 'Anpassen',
  doNotSell: 'Meine personenbezogenen Daten nicht verkaufen oder weitergeben',
  limitSensitive: 'Nutzung meiner sensiblen personenbezogenen Daten einschränken',
  policy: 'Datenschutzerklärung',
};

const de: Strings = {
  ...banner,
  save: 'Auswahl speichern',
  close: 'Schließen',
  preferencesTitle: 'Datenschutz-Präferenzen',
  preferencesIntro:
    'Wählen Sie, was wir verwenden dürfen. Ihre Wahl gilt für diese Website und wird als Nachweis der Einwilligung gespeichert.',
  policyVersion: 'Version der Datenschutzerklärung {v}',
  alwaysOn: 'Immer aktiv',
  cookie: 'Cookie',
  duration: 'Speicherdauer',
  whatFor: 'Wofür',
  policyHistoryTitle: 'Versionen der Datenschutzerklärung',
  purposes: {
    necessary: {
      name: 'Notwendig',
      description: 'Für den Betrieb der Website erforderlich, etwa Anmeldung und Sicherheit. Immer aktiv.',
    },
    functional: { name: 'Funktional', description: 'Speichert Ihre Einstellungen, etwa Sprache und Layout.' },
    analytics: {
      name: 'Statistik',
      description: 'Zählt Besuche und misst die Nutzung der Website, damit wir sie verbessern können.',
    },
    marketing: {
      name: 'Marketing',
      description: 'Zeigt passende Werbung und misst Kampagnen, auf dieser und anderen Websites.',
    },
    sale_sharing: {
      name: 'Verkauf oder Weitergabe personenbezogener Daten',
      description:
        'Weitergabe Ihrer Daten an Dritte für kontextübergreifende Werbung. Aus bedeutet, dass Sie widersprochen haben.',
    },
    sensitive_limit: {
      name: 'Nutzung sensibler personenbezogener Daten',
      description:
        'Nutzung sensibler Daten über das für den Dienst Nötige hinaus. Aus bedeutet, dass Sie sie eingeschränkt haben.',
    },
  },
  historyTitle: 'Ihr Einwilligungsverlauf',
  historyEmpty: 'Noch keine Auswahl gespeichert.',
  methods: {
    'accept-all': 'Alle akzeptiert',
    'reject-all': 'Alle abgelehnt',
    preferences: 'Einstellungen gespeichert',
    gpc: 'Opt-out-Präferenzsignal',
    api: 'Von der Website geändert',
    'extension-revoke': 'In der Browser-Erweiterung widerrufen',
    'server-sync': 'Synchronisiert',
    expiry: 'Abgelaufen',
  },
  granted: 'an',
  denied: 'aus',
  rightsTitle: 'Ihre Datenschutzrechte',
  rightsIntro:
    'Bitten Sie uns, Ihre Daten einzusehen, zu berichtigen, zu löschen oder zu exportieren, oder ihre Nutzung zu beenden.',
  rightsKind: 'Anfrage',
  rightsKinds: {
    access: 'Auskunft über meine Daten',
    rectification: 'Meine Daten berichtigen',
    erasure: 'Meine Daten löschen',
    restriction: 'Verarbeitung einschränken',
    objection: 'Der Verarbeitung widersprechen',
    portability: 'Meine Daten exportieren',
    'opt-out': 'Verkauf oder Weitergabe widersprechen',
  },
  rightsContact: 'Kontakt-E-Mail (optional)',
  rightsDetails: 'Details (optional)',
  rightsSubmit: 'Anfrage senden',
  rightsFiled: 'Anfrage {id} eingegangen. Wir antworten bis zum {date}.',
  rightsError: 'Die Anfrage konnte nicht gesendet werden: {error}',
  rightsOffline: 'Von dieser Website können derzeit keine Anfragen gesendet werden.',
  placeholderText: 'Für diesen Inhalt ist Ihre Einwilligung für {purpose} nötig.',
  placeholderAllow: '{purpose} erlauben',
  saved: 'Ihre Auswahl wurde gespeichert.',
};
export default de;
