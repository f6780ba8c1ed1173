import type { Purpose } from '@coreitsm/protocol';
import { acceptAllChoices, rejectAllChoices } from '../core/choices.js';
import { currentState } from '../core/current-state.js';
import type { ConsentState, SdkConfig } from '../core/types.js';
import { gatedPurposes } from '../gating/gated-purposes.js';
import { watchGatedElements } from '../gating/watch-gated.js';
import type { Strings } from '../i18n/strings.js';
import { applyEffects, applyGating } from '../runtime/apply-effects.js';
import type { CriticalHandoff } from '../runtime/handoff.js';
import type { CoreConsentApi } from '../runtime/public-api.js';
import type { BannerAction } from '../ui/banner-dom.js';
import type { BannerModule } from './banner-entry.js';

type PlaceholderModule = typeof import('../runtime/placeholders.js');

import { createFacade } from './facade.js';

export interface FirstVisitInput {
  config: SdkConfig;
  db: IDBDatabase;
  handoff: Omit<CriticalHandoff, 'applied' | 'attach'>;
  state: ConsentState;
  /** The embeds the stored state blocks (they get their placeholder). */
  blocked: HTMLIFrameElement[];
  /** The id of the latest stored record (valid or not): the new record's `previous`. */
  previous: string | null;
  gpc: boolean;
  language: string;
  load: <T>(file: string) => Promise<T>;
  /** Loads and starts the full runtime with this handoff; resolves with its API once it has booted. */
  startFull: (handoff: CriticalHandoff) => Promise<CoreConsentApi>;
}

/**
 * A prompt is due and nothing needs the full runtime yet: the critical path shows the banner
 * itself (plain DOM, ~2 kB) and answers `window.CoreConsent.get/on` through a facade. The full
 * runtime (zod, idb, sync, bridge, Preact's preference center) loads after the first interaction:
 * a banner decision (stored here first, durably), Customize, any other API call (a placeholder's
 * "Allow" too), or a message from the extension or another tab.
 *
 * A click is never dropped or doubled: a decision made before the full runtime was asked for is
 * written here, and the runtime starts only after that write has settled (it reads it back); once
 * the runtime has been asked for, clicks go to it (queued until it has booted), and the banner
 * ignores decision clicks while one is being stored.
 */
export function firstVisit(input: FirstVisitInput): void {
  const { config, gpc, language } = input;
  let state = input.state;
  let previous = input.previous;
  let writing: Promise<unknown> = Promise.resolve();
  let full: Promise<CoreConsentApi> | undefined;
  let banner: BannerModule | undefined;
  // One channel object: it does not hear its own messages.
  const channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(`coreconsent:${config.siteId}`) : null;

  const facade = createFacade(
    () => state,
    () => startFull(),
  );
  function startFull(): Promise<CoreConsentApi> {
    full ??= writing
      .catch(() => undefined)
      .then(() =>
        input.startFull({
          ...input.handoff,
          applied: { recordId: state.recordId, choices: state.choices },
          attach: facade.attach,
        }),
      )
      .then((api) => {
        // The runtime may know a newer decision (another tab): no banner over a decided page.
        if (api.get().promptReason === null) banner?.hideBanner();
        return api;
      });
    return full;
  }
  const report = (error: unknown) => console.error('CoreConsent:', error);

  async function decide(action: 'accept-all' | 'reject-all', module: BannerModule): Promise<void> {
    if (full) {
      const api = await full;
      await (action === 'accept-all' ? api.acceptAll() : api.rejectAll());
      if (api.get().promptReason === null) module.hideBanner();
      return;
    }
    const choices =
      action === 'accept-all'
        ? acceptAllChoices(config.jurisdiction, gpc)
        : rejectAllChoices(config.jurisdiction);
    const write = module.writeDecision(input.db, config, {
      choices,
      method: action,
      gpc,
      language,
      previous,
    });
    writing = write;
    let record: Awaited<typeof write>;
    try {
      record = await write;
    } catch {
      // Storage failed mid-page: the full runtime records it (in memory, with its one warning).
      const api = await startFull();
      await (action === 'accept-all' ? api.acceptAll() : api.rejectAll());
      module.hideBanner();
      return;
    }
    const before = state.choices;
    previous = record.id;
    state = currentState(config, record, gpc, new Date());
    applyEffects(document, before, state);
    module.hideBanner();
    facade.changed(state);
    // Other tabs of the site apply it at once (their runtime validates the message).
    channel?.postMessage({ record });
    // After the first interaction: the outbox, the bridge, other tabs.
    startFull().catch(report);
  }

  const onAction = (module: BannerModule) => async (action: BannerAction) => {
    if (action === 'accept-all' || action === 'reject-all') return decide(action, module);
    // Customize (and, defensively, anything else): the preference center lives in the runtime.
    return (await startFull()).open();
  };

  (window as Window & { CoreConsent?: CoreConsentApi }).CoreConsent = facade.api;
  facade.api.on('change', (s) => {
    if (s.promptReason === null) banner?.hideBanner();
  });
  const strings = input.load<{ default: Strings }>(`coreconsent-lang-${language}.js`).then((m) => m.default);
  // Blocked embeds get their placeholder (0.8 kB) without the runtime; "Allow" goes through the API.
  const placeholders = (blocked: HTMLIFrameElement[]) => {
    if (blocked.length === 0) return;
    Promise.all([input.load<PlaceholderModule>('coreconsent-placeholder.js'), strings]).then(([m, s]) => {
      for (const frame of blocked) {
        const choices = facade.api.get().choices;
        const purpose = gatedPurposes(frame).find((p) => choices[p as Purpose] !== 'granted');
        if (frame.hidden && purpose && purpose in s.purposes)
          m.ensurePlaceholder(
            frame,
            purpose as Purpose,
            s,
            (p) => void facade.api.set({ [p]: 'granted' }).catch(report),
          );
      }
    }, report);
  };
  placeholders(input.blocked);
  // Gated elements parsed later: gated by the state in force now (the runtime's, once it runs).
  watchGatedElements(document, () => placeholders(applyGating(document, facade.api.get())));
  // `data-coreconsent` triggers open the center (do-not-sell acts only in ccpa, never deferred).
  document.addEventListener('click', (event) => {
    const action = (event.target as Element | null)
      ?.closest?.('[data-coreconsent]')
      ?.getAttribute('data-coreconsent');
    if (action !== 'open-preferences' && action !== 'do-not-sell') return;
    event.preventDefault();
    facade.api.open().catch(report);
  });
  // The extension speaks first (at document_start): its bridge is in the runtime. The message is
  // replayed once that listens; the runtime validates it.
  const onMessage = (event: MessageEvent) => {
    if (event.source !== window || (event.data as { from?: unknown } | null)?.from !== 'extension') return;
    window.removeEventListener('message', onMessage);
    const { data, origin } = event;
    startFull().then(
      () => window.dispatchEvent(new MessageEvent('message', { data, origin, source: window })),
      report,
    );
  };
  window.addEventListener('message', onMessage);
  // Another tab decided: the runtime reads it back from storage and applies it.
  if (channel) channel.onmessage = () => void startFull().catch(report);

  performance.mark('coreconsent:applied');
  document.dispatchEvent(new CustomEvent('coreconsent:ready', { detail: state }));

  Promise.all([input.load<BannerModule>('coreconsent-banner.js'), strings]).then(([module, s]) => {
    banner = module;
    if (facade.api.get().promptReason === null) return;
    const view = {
      strings: s,
      jurisdiction: config.jurisdiction,
      policyUrl: config.policyUrl,
      nonce: config.nonce,
      state,
    };
    // The runtime may have taken the banner over meanwhile (an API call): then it keeps it.
    if (!full) module.showBanner(view, onAction(module));
    performance.mark('coreconsent:banner');
  }, report);
}
