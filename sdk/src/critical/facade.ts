import type { ConsentState } from '../core/types.js';
import type { CoreConsentApi } from '../runtime/public-api.js';

export interface Facade {
  api: CoreConsentApi;
  /** The critical path changed the state (a banner decision): listeners and `coreconsent:change`. */
  changed(state: ConsentState): void;
  /** The full runtime has started: from now on it answers everything and tells of every change. */
  attach(full: CoreConsentApi): void;
}

/**
 * `window.CoreConsent` while the full runtime has not loaded (a first visit before the person
 * acts): `get` and `on` are answered here; every other method loads the full runtime and
 * delegates to it (which validates its input as always). The same object stays on `window` after
 * the runtime has loaded, so a reference a site kept keeps working.
 */
export function createFacade(state: () => ConsentState, loadFull: () => Promise<CoreConsentApi>): Facade {
  const changeListeners = new Set<(state: ConsentState) => void>();
  let full: CoreConsentApi | undefined;
  const notify = (s: ConsentState) => {
    for (const fn of changeListeners) {
      try {
        fn(s);
      } catch (error) {
        console.error(error);
      }
    }
  };
  const api: CoreConsentApi = {
    get: () => (full ? full.get() : state()),
    set: (choices) => loadFull().then((a) => a.set(choices)),
    acceptAll: () => loadFull().then((a) => a.acceptAll()),
    rejectAll: () => loadFull().then((a) => a.rejectAll()),
    open: () => loadFull().then((a) => a.open()),
    history: () => loadFull().then((a) => a.history()),
    export: (format) => loadFull().then((a) => a.export(format)),
    requestRight: (kind, details) => loadFull().then((a) => a.requestRight(kind, details)),
    on(event, fn) {
      if ((event !== 'change' && event !== 'ready') || typeof fn !== 'function')
        throw new TypeError('CoreConsent.on: event must be "change" or "ready", with a function');
      // The facade exists only once the stored decision is in effect: ready has happened.
      if (event === 'ready') {
        queueMicrotask(() => fn(api.get()));
        return () => false;
      }
      changeListeners.add(fn);
      return () => changeListeners.delete(fn);
    },
  };
  return {
    api,
    changed(s) {
      notify(s);
      document.dispatchEvent(new CustomEvent('coreconsent:change', { detail: s }));
    },
    attach(runtimeApi) {
      full = runtimeApi;
      runtimeApi.on('change', notify);
    },
  };
}
