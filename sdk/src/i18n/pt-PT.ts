import type { BannerStrings, Strings } from './strings.js';

/** What the banner shows: its own file (coreconsent-banner-lang-*.js), so a first visit loads only these. */
export const banner: BannerStrings = {
  bannerTitle: 'As suas escolhas de privacidade',
  bannerText:
    'Usamos cookies e tecnologias semelhantes para funções do site, estatísticas e marketing. Os necessários estão sempre ativos; os restantes só com o seu consentimento. Pode mudar de ideias a qualquer momento.',
  gpcHonored: 'Sinal de preferência de exclusão respeitado',
  acceptAll: 'Aceitar tudo',
  rejectAll: 'Rejeitar tudo',
  customize: 'Personalizar',
  doNotSell: 'Não vender nem partilhar as minhas informações pessoais',
  limitSensitive: 'Limitar a utilização das minhas informações pessoais sensíveis',
  policy: 'Política de privacidade',
};

const ptPT: Strings = {
  ...banner,
  save: 'Guardar escolhas',
  close: 'Fechar',
  preferencesTitle: 'Preferências de privacidade',
  preferencesIntro:
    'Escolha o que podemos usar. A sua escolha aplica-se a este site e fica registada como prova de consentimento.',
  policyVersion: 'Versão da política {v}',
  alwaysOn: 'Sempre ativo',
  cookie: 'Cookie',
  duration: 'Duração',
  whatFor: 'Para quê',
  policyHistoryTitle: 'Versões da política de privacidade',
  purposes: {
    necessary: {
      name: 'Necessários',
      description:
        'Indispensáveis ao funcionamento do site, como o início de sessão e a segurança. Sempre ativos.',
    },
    functional: {
      name: 'Funcionais',
      description: 'Guardam as suas definições, como o idioma e o esquema da página.',
    },
    analytics: {
      name: 'Estatísticas',
      description: 'Contam visitas e medem a utilização do site, para o podermos melhorar.',
    },
    marketing: {
      name: 'Marketing',
      description: 'Mostram publicidade relevante e medem campanhas, neste e noutros sites.',
    },
    sale_sharing: {
      name: 'Venda ou partilha de informações pessoais',
      description:
        'Partilha das suas informações pessoais com terceiros para publicidade entre contextos. Desativado significa que se opôs.',
    },
    sensitive_limit: {
      name: 'Utilização de informações pessoais sensíveis',
      description:
        'Utilização de informações sensíveis além do necessário para o serviço. Desativado significa que a limitou.',
    },
  },
  historyTitle: 'O seu histórico de consentimento',
  historyEmpty: 'Ainda não há escolhas registadas.',
  methods: {
    'accept-all': 'Aceitou tudo',
    'reject-all': 'Rejeitou tudo',
    preferences: 'Guardou preferências',
    gpc: 'Sinal de preferência de exclusão',
    api: 'Alterado pelo site',
    'extension-revoke': 'Revogado na extensão do navegador',
    'server-sync': 'Sincronizado',
    expiry: 'Expirado',
  },
  granted: 'ativo',
  denied: 'inativo',
  rightsTitle: 'Os seus direitos de privacidade',
  rightsIntro: 'Peça-nos para ver, corrigir, apagar ou exportar os seus dados, ou para deixarmos de os usar.',
  rightsKind: 'Pedido',
  rightsKinds: {
    access: 'Aceder aos meus dados',
    rectification: 'Corrigir os meus dados',
    erasure: 'Apagar os meus dados',
    restriction: 'Limitar o tratamento',
    objection: 'Opor-me ao tratamento',
    portability: 'Exportar os meus dados',
    'opt-out': 'Recusar a venda ou partilha',
  },
  rightsContact: 'E-mail de contacto (opcional)',
  rightsDetails: 'Detalhes (opcional)',
  rightsSubmit: 'Enviar pedido',
  rightsFiled: 'Pedido {id} recebido. Responderemos até {date}.',
  rightsError: 'Não foi possível enviar o pedido: {error}',
  rightsOffline: 'De momento não é possível enviar pedidos a partir deste site.',
  placeholderText: 'Este conteúdo precisa do seu consentimento para {purpose}.',
  placeholderAllow: 'Permitir {purpose}',
  saved: 'As suas escolhas foram guardadas.',
};
export default ptPT;
