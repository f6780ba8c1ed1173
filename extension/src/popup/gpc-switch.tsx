import { useEffect, useState } from 'preact/hooks';
import { messageOf, type PopupEnv } from './popup-api.js';

/** The GPC switch: a labelled checkbox with `role="switch"`, so it is one Space press from the keyboard. */
export function GpcSwitch({
  env,
  onError,
  onState,
}: {
  env: PopupEnv;
  onError: (message: string) => void;
  /** Told the switch's state whenever it is known or changes (the summary line shows it). */
  onState?: (enabled: boolean) => void;
}) {
  const { api, t } = env;
  const [enabled, setEnabled] = useState<boolean | null>(null);
  useEffect(() => {
    api('gpc:get', {})
      .then((answer) => {
        setEnabled(answer.enabled);
        onState?.(answer.enabled);
      })
      .catch((e: unknown) => onError(messageOf(e)));
  }, [api, onError, onState]);
  async function toggle(next: boolean) {
    try {
      const { enabled: now } = await api('gpc:set', { enabled: next });
      setEnabled(now);
      onState?.(now);
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
