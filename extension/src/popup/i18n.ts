/**
 * The popup's and options page's strings in the SDK's five languages: English and European
 * Portuguese here, Spanish, French and German in ./locales/. A plain table
 * (not `browser.i18n`) so components render in unit tests without a browser; the manifest's own
 * name and description use `_locales/`.
 */
import { de } from './locales/de.js';
import { es } from './locales/es.js';
import { fr } from './locales/fr.js';

const en = {
  title: 'CoreITsm Consent',
  search: 'Search sites',
  searchPlaceholder: 'Search by site or address',
  gpc: 'Global Privacy Control',
  gpcHint:
    'Tell managed sites not to sell or share your data (Sec-GPC header and navigator.globalPrivacyControl).',
  exportTitle: 'Export all records',
  exportAs: 'Export {format}',
  exported: 'Exported {count, plural, one {# record} other {# records}} as {format}.',
  revokeEverything: 'Revoke everything everywhere',
  confirmEverything:
    'Revoke every optional purpose on every site ({count})? This cannot be undone from here.',
  confirmYes: 'Yes, revoke everything',
  cancel: 'Cancel',
  emptyTitle: 'No CoreITsm sites yet',
  emptyBody: 'Visit a site that uses CoreITsm Consent and make a choice there; it will appear here.',
  noMatch: 'No site matches “{query}”.',
  loadError: 'Could not load your sites: {message}',
  actionError: 'That did not work: {message}',
  retry: 'Try again',
  loading: 'Loading…',
  policyVersion: 'Policy {version}',
  confirmed: 'Last confirmed {date}',
  neverConfirmed: 'Not confirmed yet',
  noChoice: 'No choice made on this site yet.',
  granted: 'Allowed',
  denied: 'Refused',
  pending: 'Refused here, waiting for the site',
  revoke: 'Revoke {purpose}',
  revokeSite: 'Revoke all on {site}',
  history: 'History ({count})',
  hideHistory: 'Hide history',
  olderRecords: 'Show older records',
  moreSites: 'Show more sites ({count} not shown yet)',
  historyEmpty: 'No records kept for this site.',
  historyTrimmed:
    'At least {count, plural, one {# older record} other {# older records}}, from {from} to {to}, are no longer kept in this browser (it keeps the newest {kept} per site). The site and its server still have them: export from the site to see them all.',
  queued: '{count, plural, one {# revocation} other {# revocations}} waiting for the server; retrying.',
  serverError: 'Server: {message}',
  apiChange:
    'This site now names another server, {to} (it was {from}). Your revocations and requests keep going to the old one until you accept the new one.',
  apiConfirm: 'Use {to} for this site',
  revoked:
    'Revoked on {sites, plural, one {# site} other {# sites}}: applied in {tabs, plural, one {# open tab} other {# open tabs}}; {queued} still waiting for the server.',
  nothingToRevoke: 'Nothing to revoke there.',
  rightsTitle: 'Your privacy rights',
  rightsSite: 'Site',
  rightsKind: 'Request',
  rightsContact: 'Contact (optional)',
  rightsDetails: 'Details (optional)',
  rightsSubmit: 'Send request',
  rightsSent: 'Request sent. The site must answer by {date}.',
  rightsEmpty: 'No requests yet.',
  rightsNoSites: 'Visit a CoreITsm site first to file a request there.',
  rightsNoServer: 'None of your sites has told the extension how to reach its server yet; visit one again.',
  due: 'due {date}',
  overdue: 'overdue since {date}',
  stale: 'status may be out of date: {message}',
  optionsLink: 'Manage sites',
  optionsTitle: 'Managed sites',
  optionsBuiltIn: 'Always managed (any port)',
  optionsAdded: 'Added by you',
  optionsNone: 'None yet.',
  optionsAddLabel: 'Add a site by its address',
  optionsAdd: 'Add',
  optionsRemove: 'Remove {origin}',
  optionsInvalid: 'Enter an address like https://example.com',
  optionsDenied: 'Access to {origin} was not granted.',
  optionsKnown: 'Sites the extension knows',
  optionsForget: 'Forget {site} ({origin})',
  optionsForgetHint:
    'Forgetting a site deletes its copy here: its choices, history and pending revocations. The next visit starts afresh.',
  purpose_functional: 'Functional',
  purpose_analytics: 'Analytics',
  purpose_marketing: 'Marketing',
  purpose_sale_sharing: 'Sale or sharing',
  purpose_sensitive_limit: 'Sensitive data use',
  kind_access: 'Access my data',
  kind_rectification: 'Correct my data',
  kind_erasure: 'Erase my data',
  kind_restriction: 'Restrict processing',
  kind_objection: 'Object to processing',
  kind_portability: 'Data portability',
  'kind_opt-out': 'Opt out of sale/sharing',
  status_received: 'Received',
  status_verifying: 'Verifying',
  'status_in-progress': 'In progress',
  status_completed: 'Completed',
  status_rejected: 'Rejected',
  changed: 'Changed {when}',
  summarySites: '{count, plural, one {# site} other {# sites}}',
  summarySharing:
    '{count, plural, =0 {none allows marketing or sale/sharing} one {# allows marketing or sale/sharing} other {# allow marketing or sale/sharing}}',
  summaryGpcOn: 'GPC on',
  summaryGpcOff: 'GPC off',
  gpcAtSite_honoured:
    'GPC honoured here: your last choice on this site was made with it on, and it shares nothing for marketing or sale.',
  'gpcAtSite_not-honoured':
    'GPC was on, but this site allows marketing or sale/sharing (by a choice made here, or it ignored the signal).',
  'gpcAtSite_not-seen': 'GPC not seen here: your last choice on this site was made without it.',
  method_label: 'How',
  date_label: 'When',
  choices_label: 'Choices',
  receipt_label: 'Receipt',
  receipt_verified: 'Verified',
  receipt_invalid: 'Invalid',
  receipt_missing: 'None',
  receipt_unchecked: 'Not checked',
  receiptWhy_verified:
    "The site's server signed this receipt for exactly this record (stored {date}); checked here, offline, with the key pinned for that server.",
  receiptWhy_malformed: 'The receipt is damaged and cannot be read.',
  receiptWhy_algorithm: 'The receipt is not signed the way this server signs receipts.',
  receiptWhy_unknownKey: "The receipt is signed with a key this site's server never published.",
  receiptWhy_signature: 'The signature does not match: the receipt was altered after it was signed.',
  receiptWhy_otherRecord: 'The receipt is for a different record: this record is not what the server stored.',
  receiptWhy_missing:
    'The server has not confirmed storing this record: it was not sent yet, or was stored before receipts existed.',
  receiptWhy_noKeys: "The server's keys could not be fetched yet; the receipt is checked once they are.",
  receiptWhy_noServer: 'This site names no server to check the receipt against.',
  keysChanged:
    "Warning: this site's server now publishes a different key under an id already pinned ({kids}). Receipts are still checked with the key pinned first.",
};
export type MessageKey = keyof typeof en;

const ptPT: Record<MessageKey, string> = {
  title: 'CoreITsm Consent',
  search: 'Procurar sites',
  searchPlaceholder: 'Procurar por site ou endereço',
  gpc: 'Global Privacy Control',
  gpcHint:
    'Pedir aos sites geridos que não vendam nem partilhem os seus dados (cabeçalho Sec-GPC e navigator.globalPrivacyControl).',
  exportTitle: 'Exportar todos os registos',
  exportAs: 'Exportar {format}',
  exported: '{count, plural, one {# registo exportado} other {# registos exportados}} em {format}.',
  revokeEverything: 'Revogar tudo em todos os sites',
  confirmEverything:
    'Revogar todas as finalidades opcionais em todos os sites ({count})? Não é possível desfazer aqui.',
  confirmYes: 'Sim, revogar tudo',
  cancel: 'Cancelar',
  emptyTitle: 'Ainda não há sites CoreITsm',
  emptyBody: 'Visite um site que use o CoreITsm Consent e faça uma escolha; ele aparecerá aqui.',
  noMatch: 'Nenhum site corresponde a “{query}”.',
  loadError: 'Não foi possível carregar os seus sites: {message}',
  actionError: 'Não resultou: {message}',
  retry: 'Tentar de novo',
  loading: 'A carregar…',
  policyVersion: 'Política {version}',
  confirmed: 'Confirmado pela última vez em {date}',
  neverConfirmed: 'Ainda não confirmado',
  noChoice: 'Ainda não fez nenhuma escolha neste site.',
  granted: 'Permitido',
  denied: 'Recusado',
  pending: 'Recusado aqui, à espera do site',
  revoke: 'Revogar {purpose}',
  revokeSite: 'Revogar tudo em {site}',
  history: 'Histórico ({count})',
  hideHistory: 'Ocultar histórico',
  olderRecords: 'Mostrar registos mais antigos',
  moreSites: 'Mostrar mais sites ({count} ainda não mostrados)',
  historyEmpty: 'Não há registos guardados deste site.',
  historyTrimmed:
    'Pelo menos {count, plural, one {# registo mais antigo} other {# registos mais antigos}}, de {from} a {to}, já não estão guardados neste navegador (guarda os {kept} mais recentes de cada site). O site e o seu servidor ainda os têm: exporte-os a partir do site para os ver todos.',
  queued: '{count, plural, one {# revogação} other {# revogações}} à espera do servidor; a tentar de novo.',
  serverError: 'Servidor: {message}',
  apiChange:
    'Este site indica agora outro servidor, {to} (era {from}). As suas revogações e pedidos continuam a ir para o antigo até aceitar o novo.',
  apiConfirm: 'Usar {to} para este site',
  revoked:
    'Revogado em {sites, plural, one {# site} other {# sites}}: aplicado em {tabs, plural, one {# separador aberto} other {# separadores abertos}}; {queued} ainda à espera do servidor.',
  nothingToRevoke: 'Nada a revogar aí.',
  rightsTitle: 'Os seus direitos de privacidade',
  rightsSite: 'Site',
  rightsKind: 'Pedido',
  rightsContact: 'Contacto (opcional)',
  rightsDetails: 'Detalhes (opcional)',
  rightsSubmit: 'Enviar pedido',
  rightsSent: 'Pedido enviado. O site tem de responder até {date}.',
  rightsEmpty: 'Ainda não há pedidos.',
  rightsNoSites: 'Visite primeiro um site CoreITsm para lá fazer um pedido.',
  rightsNoServer:
    'Nenhum dos seus sites indicou ainda à extensão como chegar ao seu servidor; visite-o de novo.',
  due: 'prazo {date}',
  overdue: 'em atraso desde {date}',
  stale: 'o estado pode estar desatualizado: {message}',
  optionsLink: 'Gerir sites',
  optionsTitle: 'Sites geridos',
  optionsBuiltIn: 'Sempre geridos (qualquer porta)',
  optionsAdded: 'Adicionados por si',
  optionsNone: 'Ainda nenhum.',
  optionsAddLabel: 'Adicionar um site pelo endereço',
  optionsAdd: 'Adicionar',
  optionsRemove: 'Remover {origin}',
  optionsInvalid: 'Escreva um endereço como https://exemplo.pt',
  optionsDenied: 'O acesso a {origin} não foi concedido.',
  optionsKnown: 'Sites que a extensão conhece',
  optionsForget: 'Esquecer {site} ({origin})',
  optionsForgetHint:
    'Esquecer um site apaga a cópia guardada aqui: as escolhas, o histórico e as revogações pendentes. A próxima visita começa do zero.',
  purpose_functional: 'Funcionais',
  purpose_analytics: 'Análise',
  purpose_marketing: 'Marketing',
  purpose_sale_sharing: 'Venda ou partilha',
  purpose_sensitive_limit: 'Uso de dados sensíveis',
  kind_access: 'Aceder aos meus dados',
  kind_rectification: 'Corrigir os meus dados',
  kind_erasure: 'Apagar os meus dados',
  kind_restriction: 'Limitar o tratamento',
  kind_objection: 'Opor-me ao tratamento',
  kind_portability: 'Portabilidade dos dados',
  'kind_opt-out': 'Recusar venda/partilha',
  status_received: 'Recebido',
  status_verifying: 'Em verificação',
  'status_in-progress': 'Em curso',
  status_completed: 'Concluído',
  status_rejected: 'Recusado',
  changed: 'Alterado {when}',
  summarySites: '{count, plural, one {# site} other {# sites}}',
  summarySharing:
    '{count, plural, =0 {nenhum permite marketing nem venda/partilha} one {# permite marketing ou venda/partilha} other {# permitem marketing ou venda/partilha}}',
  summaryGpcOn: 'GPC ligado',
  summaryGpcOff: 'GPC desligado',
  gpcAtSite_honoured:
    'GPC respeitado aqui: a sua última escolha neste site foi feita com ele ligado, e nada é partilhado para marketing ou venda.',
  'gpcAtSite_not-honoured':
    'O GPC estava ligado, mas este site permite marketing ou venda/partilha (por uma escolha feita aqui, ou ignorou o sinal).',
  'gpcAtSite_not-seen': 'GPC não visto aqui: a sua última escolha neste site foi feita sem ele.',
  method_label: 'Como',
  date_label: 'Quando',
  choices_label: 'Escolhas',
  receipt_label: 'Recibo',
  receipt_verified: 'Verificado',
  receipt_invalid: 'Inválido',
  receipt_missing: 'Nenhum',
  receipt_unchecked: 'Não verificado',
  receiptWhy_verified:
    'O servidor do site assinou este recibo para exatamente este registo (guardado em {date}); verificado aqui, sem ligação, com a chave fixada para esse servidor.',
  receiptWhy_malformed: 'O recibo está danificado e não pode ser lido.',
  receiptWhy_algorithm: 'O recibo não está assinado da forma como este servidor assina os recibos.',
  receiptWhy_unknownKey: 'O recibo está assinado com uma chave que o servidor deste site nunca publicou.',
  receiptWhy_signature: 'A assinatura não corresponde: o recibo foi alterado depois de assinado.',
  receiptWhy_otherRecord: 'O recibo é de outro registo: este registo não é o que o servidor guardou.',
  receiptWhy_missing:
    'O servidor ainda não confirmou ter guardado este registo: ainda não foi enviado, ou foi guardado antes de existirem recibos.',
  receiptWhy_noKeys:
    'Ainda não foi possível obter as chaves do servidor; o recibo é verificado quando forem obtidas.',
  receiptWhy_noServer: 'Este site não indica nenhum servidor com o qual verificar o recibo.',
  keysChanged:
    'Atenção: o servidor deste site publica agora outra chave com um identificador já fixado ({kids}). Os recibos continuam a ser verificados com a chave fixada primeiro.',
};

export const LOCALES = { en, 'pt-PT': ptPT, es, fr, de } as const;
export type Locale = keyof typeof LOCALES;

/**
 * The first supported locale among the browser's languages — the SDK's five. `pt` and `pt-BR` get
 * pt-PT, the closest we have; any other language falls back to English.
 */
export function pickLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'pt') return 'pt-PT';
    if (base === 'en' || base === 'es' || base === 'fr' || base === 'de') return base;
  }
  return 'en';
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

// `{name, plural, one {# item} other {# items}}` (ICU's plural form, the categories of
// Intl.PluralRules; `=0`-style exact matches too; `#` is the number): chosen per language, so no
// "site(s)". Branches may hold plain `{name}` placeholders.
const PLURAL = /\{(\w+), plural,((?:\s*=?\w+\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const BRANCH = /(=?\w+)\s*\{((?:[^{}]|\{\w+\})*)\}/g;

/** A translate function for one locale; `{name}` placeholders are filled from `vars`, plurals chosen by count. */
export function translator(locale: Locale): Translate {
  const table = LOCALES[locale];
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  return (key, vars = {}) =>
    table[key]
      .replace(PLURAL, (whole, name: string, branches: string) => {
        const value = Number(vars[name]);
        if (!Number.isFinite(value)) return whole;
        const forms = new Map([...branches.matchAll(BRANCH)].map((m) => [m[1], m[2] ?? '']));
        const text = forms.get(`=${value}`) ?? forms.get(rules.select(value)) ?? forms.get('other') ?? '';
        return text.replace(/#/g, numbers.format(value));
      })
      .replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Dates as the person reads them in their locale. */
export function formatDate(iso: string, locale: Locale): string {
  // One formatter per locale: constructing Intl formatters is slow, and the popup may list 1,000 sites.
  let format = formatters.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    formatters.set(locale, format);
  }
  return format.format(new Date(iso));
}
const formatters = new Map<Locale, Intl.DateTimeFormat>();

/**
 * How long ago, in words of the locale ("yesterday", "3 days ago", "há 2 horas"): the popup says when
 * a site's choice last changed. The largest whole unit, via Intl.RelativeTimeFormat.
 */
export function formatAgo(iso: string, now: Date, locale: Locale): string {
  let format = relativeFormatters.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormatters.set(locale, format);
  }
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  for (const [unit, size] of AGO_UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second')
      return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}
const relativeFormatters = new Map<Locale, Intl.RelativeTimeFormat>();
const AGO_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];
