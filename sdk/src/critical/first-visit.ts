import {
  type AnyConsentRecord,
  type Choices,
  EXTENSION_MARK,
  latestRecord,
  type Purpose,
} from '@coreitsm/protocol';
import { acceptAllChoices, rejectAllChoices } from '../core/choices.js';
import { currentState } from '../core/current-state.js';
import type { ConsentState, SdkConfig } from '../core/types.js';
import { gatedPurposes } from '../gating/gated-purposes.js';
import { watchGatedElements } from '../gating/watch-gated.js';
import type { Strings } from '../i18n/strings.js';
import { applyGating, applyState } from '../runtime/apply-state.js';
import type { CriticalHandoff } from '../runtime/handoff.js';
import type { CoreConsentApi } from '../runtime/public-api.js';
import type { ServerClock } from '../sync/server-clock.js';
import type { BannerAction } from '../ui/banner-dom.js';
import type { BannerModule } from './banner-entry.js';
import { bannerView, loadBanner } from './early-banner.js';

type PlaceholderModule = typeof import('../runtime/placeholders.js');

import { isAnyConsentRecord } from './check-record.js';
import { createFacade } from './facade.js';
import { writeDecision } from './write-decision.js';

export interface FirstVisitInput {
  config: SdkConfig;
  db: IDBDatabase;
  handoff: Omit<CriticalHandoff, 'applied' | 'attach'>;
  state: ConsentState;
  /** The embeds the stored state blocks (they get their placeholder). */
  blocked: HTMLIFrameElement[];
  /** The site's stored records that passed the check (for the extension's announce). */
  records: AnyConsentRecord[];
  gpc: boolean;
  language: string;
  load: <T>(file: string) => Promise<T>;
  /** The server's clock, learned by the state pull (runtime-due.ts); `clockSettled` while it runs. */
  clock: ServerClock;
  clockSettled: () => Promise<unknown>;
  /** Loads and starts the full runtime with this handoff; resolves with its API once it has booted. */
  startFull: (handoff: CriticalHandoff) => Promise<CoreConsentApi>;
}

/**
 * Nothing needs the full runtime yet (a first visit, or a returning one on a page without a
 * server): the critical path shows the banner itself if one is due (plain DOM, ~2 kB) and answers
 * `window.CoreConsent.get/on` through a facade. The full
 * runtime (zod, idb, sync, bridge, Preact's preference center) loads after the first interaction:
 * a banner decision (stored here first, durably), Customize, any other API call (a placeholder's
 * "Allow" too), or a message from the extension or another tab.
 *
 * A click is never dropped or doubled: a decision made before the full runtime was asked for is
 * written here, and the runtime starts only after that write has settled (it reads it back); once
 * the runtime has been asked for, clicks go to it (queued until it has booted), and the banner
 * ignores decision clicks while one is being stored.
 */
export function firstVisit(input: FirstVisitInput): () => Promise<CoreConsentApi> {
  const { config, gpc, language } = input;
  let state = input.state;
  const records = [...input.records];
  // The latest stored record, valid or not, is what a new record supersedes.
  let previous = latestRecord(records)?.id ?? null;
  let writing: Promise<unknown> = Promise.resolve();
  let full: Promise<CoreConsentApi> | undefined;
  // The runtime has booted: its bridge and tab channel listen from then on (same task as attach).
  let attached = false;
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
          attach: (api) => {
            attached = true;
            facade.attach(api);
          },
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
  /** Puts `state` into effect; a purpose granted `before` and no longer has its cookies deleted (a lazy file: only after a revocation). */
  function apply(before: Choices): void {
    applyState(document, state);
    const after = state.choices;
    if (
      Object.keys(before).some((p) => before[p as Purpose] === 'granted' && after[p as Purpose] !== 'granted')
    )
      input
        .load<typeof import('../gating/cookies.js')>('coreconsent-cookies.js')
        .then((m) => m.deleteRevokedCookies(document, before, after, config.site?.services), report);
  }

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
    // A click right at load: wait briefly for the state pull's clock (1 s at most, then the local one).
    await Promise.race([input.clockSettled(), new Promise((resolve) => setTimeout(resolve, 1000))]);
    const write = writeDecision(
      input.db,
      config,
      {
        now: input.clock.now(),
        choices,
        method: action,
        gpc,
        language,
        previous,
      },
      module.shownTexts() ?? {},
    );
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
    records.push(record);
    state = currentState(config, record, gpc, new Date());
    apply(before);
    module.hideBanner();
    facade.changed(state);
    // Other tabs of the site apply it at once (their runtime validates the message).
    channel?.postMessage({ record });
    announce();
    // After the first interaction, the outbox (a page without a server has none to deliver).
    if (config.api) startFull().catch(report);
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
  let translation: Promise<Strings> | undefined;
  const strings = () =>
    (translation ??= input
      .load<{ default: Strings }>(`coreconsent-lang-${language}.js`)
      .then((m) => m.default));
  // Blocked embeds get their placeholder (0.8 kB) without the runtime; "Allow" goes through the API.
  const placeholders = (blocked: HTMLIFrameElement[]) => {
    if (blocked.length === 0) return;
    Promise.all([input.load<PlaceholderModule>('coreconsent-placeholder.js'), strings()]).then(([m, s]) => {
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
  // The extension's messages (a revoke, a hello) are for the runtime's bridge: each one that comes
  // before it listens is replayed to it once it does (it validates them); after that it hears
  // them itself, and a replay would act twice.
  const onMessage = (event: MessageEvent) => {
    if (attached) {
      window.removeEventListener('message', onMessage);
      return;
    }
    if (event.source !== window || (event.data as { from?: unknown } | null)?.from !== 'extension') return;
    const { data, origin } = event;
    startFull().then(
      () => window.dispatchEvent(new MessageEvent('message', { data, origin, source: window })),
      report,
    );
  };
  window.addEventListener('message', onMessage);
  // Another tab decided: the record rides the message, checked like a stored one (check-record.ts,
  // held to protocol's schema); the newest record wins. Once the runtime runs, its own channel does this.
  if (channel)
    channel.onmessage = (event: MessageEvent) => {
      const record = (event.data as { record?: unknown } | null)?.record;
      if (attached || !isAnyConsentRecord(record) || record.siteId !== config.siteId) return;
      if (latestRecord([...records, record]) !== record) return;
      records.push(record);
      previous = record.id;
      const before = state.choices;
      state = currentState(config, record, gpc, new Date());
      apply(before);
      facade.changed(state);
    };

  // The extension hears the state on every load, as from the runtime (it may answer with a revoke);
  // the code that tells it is fetched only when the extension has marked the page (a visitor without
  // it never downloads it).
  const announce = () => {
    if (!full && document.documentElement.hasAttribute(EXTENSION_MARK))
      input
        .load<typeof import('./announce.js')>('coreconsent-announce.js')
        .then((m) => m.announce(input.db, config, records))
        .catch(report);
  };
  announce();

  performance.mark('coreconsent:applied');
  document.dispatchEvent(new CustomEvent('coreconsent:ready', { detail: state }));

  if (state.promptReason === null) return startFull;
  loadBanner(input.load, language).then(([module, strings]) => {
    banner = module;
    if (facade.api.get().promptReason === null) return;
    // The runtime may have taken the banner over meanwhile (an API call): then it keeps it.
    if (!full)
      module.showBanner(
        bannerView(config, strings, state, language, latestRecord(records)?.policyVersion ?? null),
        onAction(module),
      );
    performance.mark('coreconsent:banner');
  }, report);
  return startFull;
}
