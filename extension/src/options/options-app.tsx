import { OriginSchema } from '@coreitsm/protocol';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { matchPatternFor } from '../background/managed-origins.js';
import { messageOf, type PopupEnv } from '../popup/popup-api.js';

interface Props {
  env: PopupEnv;
  /** Asks the person for host access (inside their click); false when they refuse. */
  requestAccess: (pattern: string) => Promise<boolean>;
  releaseAccess: (pattern: string) => Promise<boolean>;
}

/** The options page: the managed sites, built in and added (adding one asks for its host access). */
export function OptionsApp({ env, requestAccess, releaseAccess }: Props) {
  const { api, t } = env;
  const [origins, setOrigins] = useState<string[]>([]);
  const [builtIn, setBuiltIn] = useState<string[]>([]);
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [known, setKnown] = useState<{ siteId: string; origin: string }[]>([]);

  const load = useCallback(() => {
    api('managed:list', {})
      .then((answer) => {
        setOrigins(answer.origins);
        setBuiltIn(answer.builtIn ?? []);
      })
      .catch((e: unknown) => setError(messageOf(e)));
    api('sites:list', {})
      .then((answer) => setKnown(answer.sites.map(({ siteId, origin }) => ({ siteId, origin }))))
      .catch((e: unknown) => setError(messageOf(e)));
  }, [api]);
  useEffect(load, [load]);

  async function add(event: Event) {
    event.preventDefault();
    let origin: string;
    try {
      origin = new URL(input.trim()).origin;
    } catch {
      setError(t('optionsInvalid'));
      return;
    }
    if (!OriginSchema.safeParse(origin).success) {
      setError(t('optionsInvalid'));
      return;
    }
    try {
      // permissions.request must be the first await inside the click, or the browser refuses it.
      if (!(await requestAccess(matchPatternFor(origin)))) {
        setError(t('optionsDenied', { origin }));
        return;
      }
      setOrigins((await api('managed:add', { origin })).origins);
      setInput('');
      setError(null);
    } catch (e) {
      setError(t('actionError', { message: messageOf(e) }));
    }
  }

  async function forget(origin: string) {
    try {
      await api('sites:forget', { origin });
      setKnown((sites) => sites.filter((site) => site.origin !== origin));
    } catch (e) {
      setError(t('actionError', { message: messageOf(e) }));
    }
  }

  async function remove(origin: string) {
    try {
      setOrigins((await api('managed:remove', { origin })).origins);
      await releaseAccess(matchPatternFor(origin)).catch(() => false);
    } catch (e) {
      setError(t('actionError', { message: messageOf(e) }));
    }
  }

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <h2>{t('optionsBuiltIn')}</h2>
      <ul>
        {builtIn.map((pattern) => (
          <li key={pattern}>
            <code>{pattern}</code>
          </li>
        ))}
      </ul>
      <h2>{t('optionsAdded')}</h2>
      {origins.length === 0 ? (
        <p class="muted">{t('optionsNone')}</p>
      ) : (
        <ul>
          {origins.map((origin) => (
            <li key={origin} data-origin={origin}>
              <code>{origin}</code>{' '}
              <button type="button" onClick={() => void remove(origin)}>
                {t('optionsRemove', { origin })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('optionsKnown')}</h2>
      <p class="muted">{t('optionsForgetHint')}</p>
      {known.length === 0 ? (
        <p class="muted">{t('optionsNone')}</p>
      ) : (
        <ul>
          {known.map(({ siteId, origin }) => (
            <li key={origin} data-known-site={siteId} data-origin={origin}>
              <code>{siteId}</code> <span class="muted">{origin}</span>{' '}
              <button type="button" data-action="forget-site" onClick={() => void forget(origin)}>
                {t('optionsForget', { site: siteId, origin })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add}>
        <label>
          {t('optionsAddLabel')}
          <input
            type="url"
            required
            placeholder="https://example.com"
            value={input}
            onInput={(e) => setInput(e.currentTarget.value)}
          />
        </label>
        <button type="submit">{t('optionsAdd')}</button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </main>
  );
}
