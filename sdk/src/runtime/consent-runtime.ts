import {
  type AnyConsentRecord,
  type Choices,
  type ConsentRecord,
  denyPurposes,
  latestRecord,
  type Method,
  type OptionalPurpose,
  type SiteSnapshot,
} from '@coreitsm/protocol';
import { buildRecord } from '../core/build-record.js';
import { gpcCoveredPurposes } from '../core/choices.js';
import { currentState } from '../core/current-state.js';
import { needsGpcRecord } from '../core/gpc-rules.js';
import { mergeLatest } from '../core/merge.js';
import { siteSnapshot } from '../core/site-snapshot.js';
import type { ConsentState, SdkConfig } from '../core/types.js';
import { uuidV7 } from '../core/uuid-v7.js';
import { dropCopy } from '../critical/decision-copy.js';
import type { ConsentStore, PendingNotice, SubjectInfo } from '../storage/consent-store.js';
import { memoryStore } from '../storage/memory-store.js';
import { apiClient } from '../sync/api-client.js';
import { type OutboxSync, outboxSync } from '../sync/outbox-sync.js';
import { applyEffects, applyGating } from './apply-effects.js';
import type { CriticalHandoff } from './handoff.js';

export type ChangeListener = (state: ConsentState) => void;

/**
 * The stateful heart of the SDK: holds the latest record, makes new ones, persists them (history
 * + outbox), puts them into effect and tells everyone (listeners, DOM events, other tabs, the
 * extension). All decisions are delegated to the pure core.
 */
export function createRuntime(
  config: SdkConfig,
  initialStore: ConsentStore,
  doc: Document,
  gpc: boolean,
  language: string,
  /**
   * The notice a decision is made on (core/notice.ts; boot.ts knows which surface is on screen): the
   * record names it, the outbox registers it before delivering the record.
   */
  noticeOf: () => Promise<PendingNotice | null> = async () => null,
) {
  let store = initialStore;
  let latest: AnyConsentRecord | undefined;
  let state = currentState(config, undefined, gpc, new Date());
  let pending: ConsentRecord[] = [];
  let subject: SubjectInfo | undefined;
  const listeners = new Set<ChangeListener>();
  const subjectListeners = new Set<() => void>();
  let subjectKey = '';
  const effectListeners = new Set<(blocked: HTMLIFrameElement[]) => void>();
  const api = config.api ? apiClient(config.api) : null;
  const sync: OutboxSync | null =
    api && config.api
      ? outboxSync(
          () => store,
          api,
          config.api,
          // Delivered: the server's receipts are kept now, so the extension hears again (issue 11).
          () => void refreshCaches(true),
          (refused, replacement) => {
            // The refused record (dated ahead of the server's clock) no longer decides: its copy does.
            if (replacement && latest?.id === refused.id) setLatest(replacement, true);
            void refreshCaches();
          },
        )
      : null;

  async function refreshCaches(announce = false): Promise<void> {
    pending = await store.outbox();
    subject = await store.subject();
    // A new subject or token (created on first sync, or replaced after a 401) changes what the
    // extension needs to revoke at the server, and a delivery brings receipts: tell those who announce it.
    const key = `${subject?.subjectId}|${subject?.token}`;
    if (key !== subjectKey || announce) {
      subjectKey = key;
      for (const fn of subjectListeners) fn();
    }
  }

  /** Writes fail when the disk is full or storage is revoked mid-page: keep going in memory, once warned. */
  async function persist(
    record: AnyConsentRecord,
    deliver: boolean,
    notice: PendingNotice | null = null,
  ): Promise<void> {
    try {
      await store.append(record, deliver, notice);
    } catch (error) {
      if (!store.persistent) throw error;
      console.warn('CoreConsent: could not save consent to IndexedDB; keeping it in memory for this page');
      // The script tag's copy must not outlive a history that no longer takes writes (critical/decision-copy.ts).
      dropCopy(config.siteId);
      const fallback = memoryStore();
      for (const r of await store.allHistory().catch(() => [])) await fallback.append(r, false);
      store = fallback;
      await store.append(record, deliver, notice);
    }
  }

  function setLatest(record: AnyConsentRecord | undefined, notify: boolean): void {
    const previous = state.choices;
    latest = record;
    state = currentState(config, latest, gpc, new Date());
    const blocked = applyEffects(doc, notify ? previous : null, state, config.site?.services);
    for (const fn of effectListeners) fn(blocked);
    if (!notify) return;
    for (const fn of listeners) {
      try {
        fn(state);
      } catch (error) {
        console.error(error);
      }
    }
  }

  // Concurrent decisions (a click while the GPC record is written) must not mint two subjects:
  // one lookup at a time, always re-read from storage (the server may have issued a new id).
  let subjectLookup: Promise<string> | undefined;
  function localSubjectId(): Promise<string> {
    subjectLookup ??= (async () => {
      const stored = await store.subject();
      if (stored) {
        subject = stored;
        return stored.subjectId;
      }
      // A local subject until the server issues one (then undelivered records move to it).
      const created: SubjectInfo = {
        subjectId: `sub_${uuidV7().replaceAll('-', '')}`,
        token: null,
        api: null,
      };
      await store.adoptSubject(created, null);
      subject = created;
      return created.subjectId;
    })().finally(() => {
      subjectLookup = undefined;
    });
    return subjectLookup;
  }

  /** Records a decision and puts it into effect. Returns the new record. */
  async function choose(choices: Choices, method: Method): Promise<ConsentRecord> {
    const notice = await noticeOf();
    const record = buildRecord(config, {
      noticeHash: notice?.hash,
      id: uuidV7(),
      subjectId: await localSubjectId(),
      choices,
      method,
      gpc,
      language,
      // The server's clock when we have heard it: a local clock that runs ahead must not date
      // records into the future (the server refuses those).
      now: api ? api.clock.now() : new Date(),
      previous: latest?.id ?? null,
    });
    await persist(record, sync !== null, notice);
    if (sync) pending = [...pending, record];
    setLatest(record, true);
    void sync?.flush();
    return record;
  }

  return {
    config,
    api,
    sync,
    get store() {
      return store;
    },
    state: () => state,
    latest: () => latest,
    onChange(fn: ChangeListener) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    /** Called when the subject id or token changes (e.g. the server issued one on first sync). */
    onSubject(fn: () => void) {
      subjectListeners.add(fn);
    },
    onEffects(fn: (blocked: HTMLIFrameElement[]) => void) {
      effectListeners.add(fn);
    },
    choose,
    /** Re-runs gating for elements that appeared after the last pass. */
    reapplyGating(): void {
      const blocked = applyGating(doc, state);
      for (const fn of effectListeners) fn(blocked);
    },
    /**
     * Reads the stored decision (full zod parse) and puts it into effect. `applied` is what the
     * script tag's critical path already put into effect from the same storage: when the zod
     * parse agrees, only gating re-runs (idempotent) and no signal is pushed twice. When it does
     * not (the critical check let through something zod rejects), zod wins, fail-closed: the
     * revoked purposes' cookies go, Consent Mode is updated, and the console says so once.
     */
    async load(applied: CriticalHandoff['applied'] = null): Promise<void> {
      const history = await store.siteHistory(config.siteId);
      const stored = latestRecord(history);
      if (!applied) return setLatest(stored, false);
      latest = stored;
      state = currentState(config, latest, gpc, new Date());
      let blocked: HTMLIFrameElement[];
      if (state.recordId === applied.recordId) blocked = applyGating(doc, state);
      else if (applied.recordId === null || history.some((r) => r.id === applied.recordId)) {
        // Not a validation failure: a newer decision arrived after the critical path applied its
        // own (another tab wrote it while this page waited to load the runtime). It wins.
        blocked = applyEffects(doc, applied.choices, state, config.site?.services);
      } else {
        console.error(
          'CoreConsent: the stored decision failed full validation after it was applied; it is ignored and the revoked purposes are blocked again',
        );
        blocked = applyEffects(doc, applied.choices, state, config.site?.services);
      }
      for (const fn of effectListeners) fn(blocked);
    },
    /** The store changed under us (a slow IndexedDB finally opened): adopt what it holds if newer. */
    async reloadFromStore(): Promise<void> {
      const stored = latestRecord(await store.siteHistory(config.siteId));
      if (stored && mergeLatest(latest, stored) === stored && stored.id !== latest?.id)
        setLatest(stored, true);
      await refreshCaches();
    },
    /** The GPC record, once (see `needsGpcRecord`). */
    async applyGpc(): Promise<void> {
      if (!gpc) return;
      const decide = async () => {
        // Re-read under the lock: another tab of the origin may have just recorded the signal.
        const stored = latestRecord(await store.siteHistory(config.siteId));
        if (stored && stored !== latest && mergeLatest(latest, stored) === stored) setLatest(stored, true);
        const valid = state.decided ? latest : undefined;
        if (!needsGpcRecord(gpc, config.jurisdiction, valid)) return;
        await choose(
          denyPurposes(state.choices, gpcCoveredPurposes(config.jurisdiction) as OptionalPurpose[]),
          'gpc',
        );
      };
      // Two tabs opened at once must not both record it ("once, not on every page view").
      const locks = (globalThis.navigator as Navigator | undefined)?.locks;
      if (locks && store.persistent) await locks.request(`coreconsent:gpc:${config.siteId}`, decide);
      else await decide();
    },
    /** A record from elsewhere (another tab, the server): adopt it if it is newer. */
    adopt(record: AnyConsentRecord): boolean {
      const next = mergeLatest(latest, record);
      if (next === latest) return false;
      setLatest(next, true);
      return true;
    },
    /** Narrowing only: deny `purposes`; a new `extension-revoke` record when anything changes. */
    async revoke(purposes: OptionalPurpose[]): Promise<string | null> {
      const next = denyPurposes(state.choices, purposes);
      const changes = Object.keys(next).some(
        (p) => next[p as keyof Choices] !== state.choices[p as keyof Choices],
      );
      if (!changes && state.decided) return state.recordId;
      return (await choose(next, 'extension-revoke')).id;
    },
    async history(): Promise<AnyConsentRecord[]> {
      const records = await store.siteHistory(config.siteId);
      return records.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    },
    async snapshot(): Promise<SiteSnapshot> {
      subject = await store.subject();
      const history = await store.siteHistory(config.siteId);
      return siteSnapshot(config, subject, latest, history, await store.receipts());
    },
    /** Synchronous `pagehide` flush from the in-memory mirror of the outbox. */
    flushOnHide(): void {
      sync?.flushOnHide(pending, subject);
    },
    refreshCaches,
  };
}

export type Runtime = ReturnType<typeof createRuntime>;
