import {
  CreateRightsRequestSchema,
  formatIssues,
  type OptionalPurpose,
  type Purpose,
  purposesFor,
} from '@coreitsm/protocol';
import { createBridgeHandler } from '../bridge/bridge-handler.js';
import { centerTexts } from '../core/center-texts.js';
import { defaultChoices } from '../core/choices.js';
import { makeNotice } from '../core/notice.js';
import type { ConsentState, SdkConfig } from '../core/types.js';
import { uuidV7 } from '../core/uuid-v7.js';
import type { BannerModule } from '../critical/banner-entry.js';
import { gatedPurposes } from '../gating/gated-purposes.js';
import { watchGatedElements } from '../gating/watch-gated.js';
import { pickLanguage } from '../i18n/pick-language.js';
import type { Strings } from '../i18n/strings.js';
import { pushConsentMode } from '../signals/consent-mode.js';
import { installGppStub } from '../signals/gpp-stub.js';
import { readGpc } from '../signals/read-gpc.js';
import { installUspApi, usPrivacyString } from '../signals/us-privacy.js';
import type { PendingNotice } from '../storage/consent-store.js';
import { openStore } from '../storage/open-store.js';
import { syncWithServer } from '../sync/sync-on-load.js';
import { policyHistory } from '../ui/site-texts.js';
import type { MountUi, UiHandle } from '../ui/ui-contract.js';
import type { ChunkLoaders } from './chunks.js';
import { createRuntime } from './consent-runtime.js';
import { connectTabs } from './cross-tab.js';
import { listenToTriggers } from './declarative-triggers.js';
import type { CriticalHandoff } from './handoff.js';
import { type ConsentEvent, type CoreConsentApi, createPublicApi } from './public-api.js';

/** Failures of lazy parts (a chunk that did not load) are the site's to see, not to crash on. */
const report = (error: unknown) => console.error('CoreConsent:', error);

export { readGpc };

/**
 * Starts the SDK on a page: the returning-visit path first (read IndexedDB → release consented
 * tags), then the banner if a prompt is due, then everything that can wait (server pull, outbox,
 * bridge, other tabs). Sets `window.CoreConsent` before `coreconsent:ready` fires, and resolves
 * with the same API.
 */
export async function boot(
  config: SdkConfig,
  chunks: ChunkLoaders,
  win: Window = window,
  handoff?: CriticalHandoff,
): Promise<CoreConsentApi> {
  const doc = win.document;
  const gpc = readGpc(win.navigator);
  // Consent Mode's `default` must precede every Google tag: push it before anything async (the
  // script tag's critical path already did).
  if (!handoff) pushConsentMode(win, 'default', defaultChoices(config.jurisdiction, gpc));
  const language = pickLanguage([config.lang, doc.documentElement.lang, ...win.navigator.languages]);
  let strings: Promise<Strings> | undefined;
  function loadStrings() {
    // The site's own texts over the built-ins (its configuration's `texts`, when it has one).
    strings ??= chunks.strings(language).then((s) => config.siteStrings?.(s, language) ?? s);
    return strings;
  }
  let uiChunks: Promise<[MountUi, Strings, BannerModule]> | undefined;
  function loadUiChunks() {
    // A failed fetch (offline, a deploy in progress) is not cached: the next open() tries again.
    uiChunks ??= Promise.all([chunks.ui(), loadStrings(), chunks.banner()]).catch((error: unknown) => {
      uiChunks = undefined;
      strings = undefined;
      ui = undefined;
      throw error;
    });
    return uiChunks;
  }
  const readyListeners = new Set<(state: ConsentState) => void>();
  let isReady = false;
  // A brand-new database means a first visit: fetch the UI while IndexedDB finishes opening.
  const onFirstVisit = () => {
    // A failure here is reported by the load that needs the UI.
    if (config.jurisdiction !== 'none') loadUiChunks().catch(() => undefined);
  };
  let ui: Promise<UiHandle> | undefined;
  // A slow IndexedDB that opens after the timeout: re-read it (it may hold a decision) and deliver.
  let onLateOpen = () => undefined as unknown;
  const store = await openStore({
    onCreate: onFirstVisit,
    onLateOpen: () => onLateOpen(),
    // The critical path's connection, and what is left of its 3 s wait.
    ...(handoff && {
      opening: handoff.db,
      timeoutMs: Math.max(0, handoff.deadline - performance.now()),
    }),
  });
  // Only the purposes the site uses (its configuration's `purposes`), `necessary` always.
  const purposes = purposesFor(config.jurisdiction).filter(
    (p) => p === 'necessary' || !config.site?.purposes || config.site.purposes.includes(p),
  );
  const services = (config.site?.services ?? []).filter((service) => purposes.includes(service.purpose));
  const history = config.site ? policyHistory(config.site, language) : [];
  /**
   * The notice a decision is made on (core/notice.ts): the banner's texts while the banner is on
   * screen (its buttons, Do Not Sell included; the `<coreconsent-ui>` host exists only once the
   * banner module has drawn something, so this never fetches it), else the preference center's
   * (open, or the fullest statement of the site's notice for a decision made from code).
   */
  async function noticeOf(): Promise<PendingNotice | null> {
    try {
      return await currentNotice();
    } catch (error) {
      // A translation file that cannot load (offline, a deploy in progress) must not cost the
      // decision, least of all a revocation: the record goes without `noticeHash` (optional).
      report(error);
      return null;
    }
  }
  async function currentNotice(): Promise<PendingNotice> {
    const banner = doc.querySelector('coreconsent-ui') ? await chunks.banner() : null;
    const shown = banner?.shownTexts();
    if (shown) return makeNotice(config, language, shown, []);
    const texts = centerTexts(await loadStrings(), {
      purposes,
      services,
      policyHistory: history,
      policyVersion: config.policyVersion,
      policyUrl: config.policyUrl,
      gpcHonored: runtime.state().gpcHonored,
    });
    return makeNotice(config, language, texts, services);
  }
  const runtime = createRuntime(config, store, doc, gpc, language, noticeOf);
  onLateOpen = () =>
    runtime
      .reloadFromStore()
      .then(() => runtime.sync?.flush())
      .catch(report);

  const loadUi = () => {
    ui ??= loadUiChunks().then(([mount, s, banner]) =>
      mount({
        banner,
        strings: s,
        language,
        nonce: config.nonce,
        jurisdiction: config.jurisdiction,
        purposes,
        services,
        policyHistory: history,
        policyVersion: config.policyVersion,
        policyUrl: config.policyUrl,
        // The versions newer than the one last decided on, as the first visit's banner shows them.
        policyChanges: () =>
          runtime.state().promptReason === 'new-policy'
            ? (config.policyChanges?.(runtime.latest()?.policyVersion ?? null, language) ?? null)
            : null,
        state: runtime.state,
        acceptAll: () => api.acceptAll(),
        rejectAll: () => api.rejectAll(),
        save: (choices) => runtime.choose(choices, 'preferences'),
        history: runtime.history,
        requestRight: runtime.api ? requestRight : null,
      }),
    );
    return ui;
  };

  async function requestRight(
    kind: Parameters<CoreConsentApi['requestRight']>[0],
    details: { contact?: string; details?: string },
  ) {
    if (!runtime.api || !runtime.sync) throw new Error('this site has no consent server (data-api)');
    const body = { kind, jurisdiction: config.jurisdiction, siteId: config.siteId, ...details };
    const parsed = CreateRightsRequestSchema.safeParse(body);
    if (!parsed.success) throw new TypeError(`CoreConsent.requestRight: ${formatIssues(parsed.error)}`);
    const subject = await runtime.sync.ensureSubject();
    return runtime.api.rightsRequest(subject.token as string, parsed.data);
  }

  const api = createPublicApi({
    state: runtime.state,
    choose: runtime.choose,
    async open() {
      await (await loadUi()).show('preferences');
    },
    on(event: ConsentEvent, fn) {
      if (event === 'ready') {
        // Subscribing after the fact still hears it (once, on the next microtask), like a promise.
        if (isReady) {
          queueMicrotask(() => fn(runtime.state()));
          return () => false;
        }
        readyListeners.add(fn);
        return () => readyListeners.delete(fn);
      }
      return runtime.onChange(fn);
    },
    history: runtime.history,
    exporter: chunks.exporter,
    requestRight,
  });

  // Blocked embeds get a placeholder asking for their purpose (strings load only if one exists).
  runtime.onEffects((blocked) => {
    if (blocked.length === 0) return;
    Promise.all([loadStrings(), chunks.placeholder()]).then(([s, ensurePlaceholder]) => {
      for (const frame of blocked) {
        if (!frame.hidden) continue;
        const purpose = gatedPurposes(frame).find((p) => runtime.state().choices[p as Purpose] !== 'granted');
        if (purpose && purpose in s.purposes)
          ensurePlaceholder(
            frame,
            purpose as Purpose,
            s,
            (p) => void api.set({ [p]: 'granted' }).catch(report),
          );
      }
    }, report);
  });

  // 1. The fast path: stored decision → tags.
  await runtime.load(handoff?.applied);
  if (!handoff?.applied) performance.mark('coreconsent:applied');
  watchGatedElements(doc, runtime.reapplyGating);

  // 2. Signals that depend on the state.
  if (config.jurisdiction === 'ccpa') {
    installGppStub(win, config.gppCmpId);
    installUspApi(win, () => usPrivacyString(config.jurisdiction, runtime.state().choices));
    const updateGpp = chunks.gpp();
    const push = () =>
      void updateGpp.then((fn) => fn(runtime.state().choices, gpc, config.gppCmpId)).catch(() => undefined);
    push();
    runtime.onChange(push);
  }
  await runtime.applyGpc();

  // 3. The banner, as soon as we know it is due.
  if (runtime.state().promptReason) {
    loadUi()
      .then((handle) => handle.show('banner'))
      .then(() => performance.mark('coreconsent:banner'), report);
  } else if (doc.querySelector('coreconsent-ui')) {
    // The script tag may have put the banner up on the cookies' hint before storage had answered
    // (loader.ts), and then handed over without a read (storage slow past its wait): none is due.
    chunks.banner().then((banner) => banner.hideBanner(), report);
  }

  // 4. Everything that can wait.
  runtime.onChange((state) => {
    ui?.then((handle) => handle.update()).catch(() => undefined);
    doc.dispatchEvent(new CustomEvent('coreconsent:change', { detail: state }));
  });
  connectTabs(config, runtime);
  const bridge = createBridgeHandler({
    window: win,
    origin: config.origin,
    snapshot: runtime.snapshot,
    revoke: (purposes: OptionalPurpose[]) => runtime.revoke(purposes),
    newId: () => uuidV7(),
  });
  win.addEventListener('message', (event) => void bridge.handle(event).catch(() => undefined));
  // Storage can fail mid-page (closed by a newer version in another tab): announcing is best effort.
  const announce = () => void bridge.announce().catch(() => undefined);
  runtime.onChange(announce);
  runtime.onSubject(announce);
  announce();
  // With a facade, the critical path already listens (and delegates to this API).
  if (!handoff?.attach) listenToTriggers(doc, api, config.jurisdiction, report);
  win.addEventListener('pagehide', () => runtime.flushOnHide());
  void syncWithServer(runtime, config);

  const ready = runtime.state();
  isReady = true;
  if (handoff?.attach) {
    // The critical path's facade is window.CoreConsent and already announced ready: it delegates here now.
    handoff.attach(api);
    return api;
  }
  (win as Window & { CoreConsent?: CoreConsentApi }).CoreConsent = api;
  for (const fn of readyListeners) fn(ready);
  readyListeners.clear();
  doc.dispatchEvent(new CustomEvent('coreconsent:ready', { detail: ready }));
  return api;
}
