import type { BannerStrings, Strings } from './strings.js';

/** What the banner shows: its own file (coreconsent-banner-lang-*.js), so a first visit loads only these. */
export const banner: BannerStrings = {
  bannerTitle: 'Vos choix de confidentialité',
  bannerText:
    'Nous utilisons des cookies et des technologies similaires pour le fonctionnement du site, la mesure d’audience et le marketing. Les cookies nécessaires sont toujours actifs ; les autres seulement avec votre consentement. Vous pouvez changer d’avis à tout moment.',
  gpcHonored: 'Signal de préférence de refus respecté',
  acceptAll: 'Tout accepter',
  rejectAll: 'Tout refuser',
  customize: 'Personnaliser',
  doNotSell: 'Ne pas vendre ni partager mes informations personnelles',
  limitSensitive: 'Limiter l’utilisation de mes informations personnelles sensibles',
  policy: 'Politique de confidentialité',
};

const fr: Strings = {
  ...banner,
  save: 'Enregistrer mes choix',
  close: 'Fermer',
  preferencesTitle: 'Préférences de confidentialité',
  preferencesIntro:
    'Choisissez ce que nous pouvons utiliser. Votre choix s’applique à ce site et est enregistré comme preuve de consentement.',
  policyVersion: 'Version de la politique {v}',
  alwaysOn: 'Toujours actifs',
  cookie: 'Cookie',
  duration: 'Durée',
  whatFor: 'À quoi il sert',
  policyHistoryTitle: 'Versions de la politique de confidentialité',
  purposes: {
    necessary: {
      name: 'Nécessaires',
      description:
        'Indispensables au fonctionnement du site, comme la connexion et la sécurité. Toujours actifs.',
    },
    functional: {
      name: 'Fonctionnels',
      description: 'Mémorisent vos réglages, comme la langue et la mise en page.',
    },
    analytics: {
      name: 'Mesure d’audience',
      description: 'Comptent les visites et mesurent l’utilisation du site pour l’améliorer.',
    },
    marketing: {
      name: 'Marketing',
      description: 'Affichent des publicités pertinentes et mesurent les campagnes, sur ce site et ailleurs.',
    },
    sale_sharing: {
      name: 'Vente ou partage d’informations personnelles',
      description:
        'Partage de vos informations personnelles avec des tiers pour la publicité intercontextuelle. Désactivé signifie que vous vous y opposez.',
    },
    sensitive_limit: {
      name: 'Utilisation d’informations personnelles sensibles',
      description:
        'Utilisation d’informations sensibles au-delà du nécessaire pour le service. Désactivé signifie que vous l’avez limitée.',
    },
  },
  historyTitle: 'Votre historique de consentement',
  historyEmpty: 'Aucun choix enregistré pour l’instant.',
  methods: {
    'accept-all': 'Tout accepté',
    'reject-all': 'Tout refusé',
    preferences: 'Préférences enregistrées',
    gpc: 'Signal de préférence de refus',
    api: 'Modifié par le site',
    'extension-revoke': 'Révoqué depuis l’extension du navigateur',
    'server-sync': 'Synchronisé',
    expiry: 'Expiré',
  },
  granted: 'activé',
  denied: 'désactivé',
  rightsTitle: 'Vos droits en matière de confidentialité',
  rightsIntro:
    'Demandez-nous de consulter, corriger, effacer ou exporter vos données, ou de cesser de les utiliser.',
  rightsKind: 'Demande',
  rightsKinds: {
    access: 'Accéder à mes données',
    rectification: 'Corriger mes données',
    erasure: 'Effacer mes données',
    restriction: 'Limiter le traitement',
    objection: 'M’opposer au traitement',
    portability: 'Exporter mes données',
    'opt-out': 'Refuser la vente ou le partage',
  },
  rightsContact: 'E-mail de contact (facultatif)',
  rightsDetails: 'Détails (facultatif)',
  rightsSubmit: 'Envoyer la demande',
  rightsFiled: 'Demande {id} reçue. Nous répondrons au plus tard le {date}.',
  rightsError: 'La demande n’a pas pu être envoyée : {error}',
  rightsOffline: 'Les demandes ne peuvent pas être envoyées depuis ce site pour le moment.',
  placeholderText: 'Ce contenu nécessite votre consentement pour {purpose}.',
  placeholderAllow: 'Autoriser {purpose}',
  saved: 'Vos choix ont été enregistrés.',
};
export default fr;
