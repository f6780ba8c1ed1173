import {
  type ManagedSiteView,
  type PopupToBackgroundMessages,
  type ResponseOf,
  RIGHTS_REQUEST_KINDS,
  type RightsRequestKind,
} from '@coreitsm/protocol';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { formatDate, type MessageKey } from './i18n.js';
import { messageOf, type PopupEnv } from './popup-api.js';

type Listed = ResponseOf<typeof PopupToBackgroundMessages, 'rights:list'>['requests'][number];

/** Files privacy-rights requests with a site's server and lists them with status and legal due date. */
export function RightsPanel({
  env,
  sites,
  now,
}: {
  env: PopupEnv;
  sites: ManagedSiteView[];
  now: () => Date;
}) {
  const { api, t, locale } = env;
  const [requests, setRequests] = useState<Listed[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [siteKey, setSiteKey] = useState('');
  const [kind, setKind] = useState<RightsRequestKind>('access');
  const [contact, setContact] = useState('');
  const [details, setDetails] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api('rights:list', {})
      .then((answer) => setRequests(answer.requests))
      .catch((e: unknown) => setMessage({ text: t('loadError', { message: messageOf(e) }), error: true }));
  }, [api, t]);
  useEffect(load, [load]);

  // Only sites whose server the extension can reach can take a request.
  const reachable = sites.filter((s) => s.hasServer !== false);
  const chosen = reachable.find((s) => `${s.origin} ${s.siteId}` === siteKey) ?? reachable[0];

  async function submit(event: Event) {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    try {
      const created = await api('rights:create', {
        siteId: chosen.siteId,
        origin: chosen.origin,
        request: {
          kind,
          jurisdiction: chosen.jurisdiction,
          siteId: chosen.siteId,
          ...(contact.trim() ? { contact: contact.trim() } : {}),
          ...(details.trim() ? { details: details.trim() } : {}),
        },
      });
      setMessage({ text: t('rightsSent', { date: formatDate(created.dueAt, locale) }), error: false });
      setContact('');
      setDetails('');
      load();
    } catch (e) {
      setMessage({ text: t('actionError', { message: messageOf(e) }), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="rights" aria-labelledby="rights-title">
      <h2 id="rights-title">{t('rightsTitle')}</h2>
      {reachable.length === 0 ? (
        <p class="muted">{t(sites.length === 0 ? 'rightsNoSites' : 'rightsNoServer')}</p>
      ) : (
        <form onSubmit={submit} data-form="rights">
          <label>
            {t('rightsSite')}
            <select
              name="site"
              value={chosen ? `${chosen.origin} ${chosen.siteId}` : ''}
              onChange={(e) => setSiteKey(e.currentTarget.value)}
            >
              {reachable.map((s) => (
                <option key={`${s.origin} ${s.siteId}`} value={`${s.origin} ${s.siteId}`}>
                  {s.siteId} ({s.origin})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('rightsKind')}
            <select
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as RightsRequestKind)}
            >
              {RIGHTS_REQUEST_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind_${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('rightsContact')}
            <input
              name="contact"
              type="text"
              maxLength={254}
              value={contact}
              onInput={(e) => setContact(e.currentTarget.value)}
            />
          </label>
          <label>
            {t('rightsDetails')}
            <textarea
              name="details"
              maxLength={4000}
              rows={2}
              value={details}
              onInput={(e) => setDetails(e.currentTarget.value)}
            />
          </label>
          <button type="submit" disabled={busy}>
            {t('rightsSubmit')}
          </button>
        </form>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} class={message.error ? 'error' : 'note'}>
          {message.text}
        </p>
      )}
      {requests && requests.length === 0 && <p class="muted">{t('rightsEmpty')}</p>}
      {requests && requests.length > 0 && (
        <ul class="requests">
          {requests.map(({ siteId, request, error }) => {
            const late =
              Date.parse(request.dueAt) < now().getTime() &&
              !['completed', 'rejected'].includes(request.status);
            return (
              <li key={request.id} data-request={request.id} data-status={request.status}>
                <strong>{t(`kind_${request.kind}` as MessageKey)}</strong> · {siteId} ·{' '}
                <span>{t(`status_${request.status}` as MessageKey)}</span> ·{' '}
                <span class={late ? 'error' : ''}>
                  {t(late ? 'overdue' : 'due', { date: formatDate(request.dueAt, locale) })}
                </span>
                {error && <span class="muted"> ({t('stale', { message: error })})</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
