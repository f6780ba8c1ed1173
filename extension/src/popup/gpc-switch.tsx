import { useEffect, useState } from 'preact/hooks';
import { messageOf, type PopupEnv } from './popup-api.js';

/** The GPC switch: a labelled checkbox with `role="switch"`, so it is one Space press from the keyboard. */
export function GpcSwitch({ env, onError }: { env: PopupEnv; onError: (message: string) => void }) {
  const { api, t } = env;
  const [enabled, setEnabled] = useState<boolean | null>(null);
  useEffect(() => {
    api('gpc:get', {})
      .then((answer) => setEnabled(answer.enabled))
      .catch((e: unknown) => onError(messageOf(e)));
  }, [api, onError]);
  async function toggle(next: boolean) {
    try {
      setEnabled((await api('gpc:set', { enabled: next })).enabled);
    } catch (e) {
      onError(messageOf(e));
    }
  }
  return (
    <label class="gpc" title={t('gpcHint')}>
      <input
        type="checkbox"
        role="switch"
        data-action="gpc"
        checked={enabled === true}
        aria-checked={enabled === true}
        disabled={enabled === null}
        aria-describedby="gpc-hint"
        onChange={(e) => void toggle(e.currentTarget.checked)}
      />
      {t('gpc')}
      <span id="gpc-hint" class="visually-hidden">
        {t('gpcHint')}
      </span>
    </label>
  );
}
