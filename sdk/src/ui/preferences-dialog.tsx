import type { Choices, Purpose } from '@coreitsm/protocol';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { fill } from '../i18n/strings.js';
import { trapTab } from './focus-trap.js';
import { HistoryList } from './history-list.js';
import { PurposeSwitch } from './purpose-switch.js';
import { RightsForm } from './rights-form.js';
import { ServiceList } from './service-list.js';

export { PREFERENCES_CSS } from './preferences-styles.js';

import type { UiContext } from './ui-contract.js';

interface PreferencesDialogProps {
  ctx: UiContext;
  /** Bumped on every state change so the history re-reads. */
  version: number;
  onClose: () => void;
}

/**
 * The preference center: a modal dialog (focus trapped, Esc closes; the caller restores focus),
 * one labelled switch per purpose, the policy version and link, the GPC status, the person's
 * history and the rights form.
 */
export function PreferencesDialog({ ctx, version, onClose }: PreferencesDialogProps) {
  const s = ctx.strings;
  const state = ctx.state();
  const [draft, setDraft] = useState<Choices>(state.choices);
  const dialog = useRef<HTMLDivElement>(null);
  // Layout effect: focus moves into the dialog in the same frame it appears.
  useLayoutEffect(() => {
    dialog.current?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (dialog.current) trapTab(event, dialog.current);
  };
  const act = (work: () => Promise<unknown>) => () => void work().then(onClose);
  const toggle = (purpose: Purpose, on: boolean) =>
    setDraft({ ...draft, [purpose]: on ? 'granted' : 'denied' });
  return (
    <div class="backdrop">
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="cc-pc-title"
        tabIndex={-1}
        ref={dialog}
        onKeyDown={onKeyDown}
        data-coreconsent-preferences=""
      >
        <div class="head">
          <h2 id="cc-pc-title">{s.preferencesTitle}</h2>
          <button type="button" class="secondary" data-action="close" aria-label={s.close} onClick={onClose}>
            ×
          </button>
        </div>
        <p>{s.preferencesIntro}</p>
        <p class="small">
          {fill(s.policyVersion, { v: ctx.policyVersion })}
          {ctx.policyUrl && (
            <>
              {' · '}
              <a href={ctx.policyUrl} target="_blank" rel="noopener">
                {s.policy}
              </a>
            </>
          )}
        </p>
        {state.gpcHonored && (
          <p class="note" data-gpc-status="">
            {s.gpcHonored}
          </p>
        )}
        {ctx.purposes.map((p) => (
          <section key={p} data-purpose-section={p}>
            <PurposeSwitch purpose={p} strings={s} checked={draft[p] === 'granted'} onChange={toggle} />
            <ServiceList services={ctx.services.filter((service) => service.purpose === p)} strings={s} />
          </section>
        ))}
        <div class="row">
          <button type="button" class="primary" data-action="accept-all" onClick={act(ctx.acceptAll)}>
            {s.acceptAll}
          </button>
          <button type="button" class="primary" data-action="reject-all" onClick={act(ctx.rejectAll)}>
            {s.rejectAll}
          </button>
          <button type="button" class="secondary" data-action="save" onClick={act(() => ctx.save(draft))}>
            {s.save}
          </button>
        </div>
        {ctx.policyHistory.length > 0 && (
          <>
            <h3>{s.policyHistoryTitle}</h3>
            <ol data-policy-history="">
              {ctx.policyHistory.map((v) => (
                <li key={v.version} data-policy-version={v.version}>
                  <strong>{v.version}</strong> <span class="small">({v.effective})</span>
                  {v.text && <p class="small">{v.text}</p>}
                </li>
              ))}
            </ol>
          </>
        )}
        <h3>{s.historyTitle}</h3>
        <HistoryList ctx={ctx} version={version} />
        <h3>{s.rightsTitle}</h3>
        <p class="small">{s.rightsIntro}</p>
        <RightsForm ctx={ctx} />
      </div>
    </div>
  );
}
