import type { BannerStrings, Strings } from './strings.js';

/** What the banner shows: its own file (coreconsent-banner-lang-*.js), so a first visit loads only these. */
export const banner: BannerStrings = {
  bannerTitle: 'Sus opciones de privacidad',
  bannerText:
    'Usamos cookies y tecnologías similares para funciones del sitio, analítica y marketing. Las necesarias están siempre activas; el resto, solo con su consentimiento. Puede cambiar de opinión en cualquier momento.',
  gpcHonored: 'Señal de preferencia de exclusión respetada',
  acceptAll: 'Aceptar todo',
  rejectAll: 'Rechazar todo',
  customize: 'Personalizar',
  doNotSell: 'No vender ni compartir mi información personal',
  limitSensitive: 'Limitar el uso de mi información personal sensible',
  policy: 'Política de privacidad',
};

const es: Strings = {
  ...banner,
  save: 'Guardar opciones',
  close: 'Cerrar',
  preferencesTitle: 'Preferencias de privacidad',
  preferencesIntro:
    'Elija lo que podemos usar. Su elección se aplica a este sitio y queda registrada como prueba de consentimiento.',
  policyVersion: 'Versión de la política {v}',
  alwaysOn: 'Siempre activas',
  cookie: 'Cookie',
  duration: 'Duración',
  whatFor: 'Para qué',
  policyHistoryTitle: 'Versiones de la política de privacidad',
  purposes: {
    necessary: {
      name: 'Necesarias',
      description:
        'Imprescindibles para que el sitio funcione, como el inicio de sesión y la seguridad. Siempre activas.',
    },
    functional: { name: 'Funcionales', description: 'Recuerdan sus ajustes, como el idioma y el diseño.' },
    analytics: { name: 'Analítica', description: 'Cuentan visitas y miden el uso del sitio para mejorarlo.' },
    marketing: {
      name: 'Marketing',
      description: 'Muestran publicidad relevante y miden campañas, en este y otros sitios.',
    },
    sale_sharing: {
      name: 'Venta o intercambio de información personal',
      description:
        'Compartir su información personal con terceros para publicidad entre contextos. Desactivado significa que se ha excluido.',
    },
    sensitive_limit: {
      name: 'Uso de información personal sensible',
      description:
        'Uso de información sensible más allá de lo necesario para el servicio. Desactivado significa que lo ha limitado.',
    },
  },
  historyTitle: 'Su historial de consentimiento',
  historyEmpty: 'Todavía no hay opciones registradas.',
  methods: {
    'accept-all': 'Aceptó todo',
    'reject-all': 'Rechazó todo',
    preferences: 'Guardó preferencias',
    gpc: 'Señal de preferencia de exclusión',
    api: 'Cambiado por el sitio',
    'extension-revoke': 'Revocado desde la extensión del navegador',
    'server-sync': 'Sincronizado',
    expiry: 'Caducado',
  },
  granted: 'activado',
  denied: 'desactivado',
  rightsTitle: 'Sus derechos de privacidad',
  rightsIntro: 'Pídanos ver, corregir, borrar o exportar sus datos, o que dejemos de usarlos.',
  rightsKind: 'Solicitud',
  rightsKinds: {
    access: 'Acceder a mis datos',
    rectification: 'Corregir mis datos',
    erasure: 'Borrar mis datos',
    restriction: 'Limitar el tratamiento',
    objection: 'Oponerme al tratamiento',
    portability: 'Exportar mis datos',
    'opt-out': 'Excluirme de la venta o intercambio',
  },
  rightsContact: 'Correo de contacto (opcional)',
  rightsDetails: 'Detalles (opcional)',
  rightsSubmit: 'Enviar solicitud',
  rightsFiled: 'Solicitud {id} recibida. Responderemos antes del {date}.',
  rightsError: 'No se pudo enviar la solicitud: {error}',
  rightsOffline: 'Ahora mismo no se pueden enviar solicitudes desde este sitio.',
  placeholderText: 'Este contenido necesita su consentimiento para {purpose}.',
  placeholderAllow: 'Permitir {purpose}',
  saved: 'Sus opciones se han guardado.',
};
export default es;
