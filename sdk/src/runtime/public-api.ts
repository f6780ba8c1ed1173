import {
  type AnyConsentRecord,
  type Choices,
  ChoicesSchema,
  type ExportFile,
  type ExportFormat,
  ExportFormatSchema,
  formatIssues,
  type RightsRequestCreated,
  type RightsRequestKind,
  RightsRequestKindSchema,
} from '@coreitsm/protocol';
import { acceptAllChoices, completeChoices, rejectAllChoices } from '../core/choices.js';
import type { ConsentState } from '../core/types.js';

/** Events of `CoreConsent.on`. */
export type ConsentEvent = 'change' | 'ready';

/** The global `window.CoreConsent`. Every method validates its input: bad input throws and changes nothing. */
export interface CoreConsentApi {
  /**
   * The state in force now.
   * @example
   * if (CoreConsent.get().choices.analytics === 'granted') startAnalytics();
   */
  get(): ConsentState;
  /**
   * Records the given choices (the others keep their current value). `necessary` cannot be denied.
   * @example
   * await CoreConsent.set({ analytics: 'granted', marketing: 'denied' });
   */
  set(choices: Choices): Promise<ConsentState>;
  /**
   * Grants every purpose (with GPC on, the purposes the signal covers stay denied).
   * @example
   * await CoreConsent.acceptAll();
   */
  acceptAll(): Promise<ConsentState>;
  /**
   * Denies every optional purpose.
   * @example
   * await CoreConsent.rejectAll();
   */
  rejectAll(): Promise<ConsentState>;
  /**
   * Opens the preference center (a modal dialog).
   * @example
   * document.querySelector('#prefs').addEventListener('click', () => CoreConsent.open());
   */
  open(): Promise<void>;
  /**
   * Subscribes to `change` (after every decision, from any tab or source) or `ready` (called even when
   * subscribed after the SDK became ready); returns an unsubscribe function.
   * @example
   * const off = CoreConsent.on('change', (state) => console.log(state.choices));
   */
  on(event: ConsentEvent, fn: (state: ConsentState) => void): () => void;
  /**
   * This site's records in this browser, newest first.
   * @example
   * const [latest] = await CoreConsent.history();
   */
  history(): Promise<AnyConsentRecord[]>;
  /**
   * This site's records as a file body (`json`, `csv` or `xml`).
   * @example
   * const { body, mimeType } = await CoreConsent.export('csv');
   */
  export(format: ExportFormat): Promise<ExportFile>;
  /**
   * Files a privacy-rights request with the server (needs `data-api`). Resolves with its id and due date.
   * @example
   * const { id, dueAt } = await CoreConsent.requestRight('access', { contact: 'me@example.com' });
   */
  requestRight(
    kind: RightsRequestKind,
    details?: { contact?: string; details?: string },
  ): Promise<RightsRequestCreated>;
}

export interface ApiDeps {
  state: () => ConsentState;
  choose: (choices: Choices, method: 'accept-all' | 'reject-all' | 'api' | 'preferences') => Promise<unknown>;
  open: () => Promise<void>;
  on: (event: ConsentEvent, fn: (state: ConsentState) => void) => () => void;
  history: () => Promise<AnyConsentRecord[]>;
  exporter: () => Promise<(records: readonly AnyConsentRecord[], format: ExportFormat) => ExportFile>;
  requestRight: (
    kind: RightsRequestKind,
    details: { contact?: string; details?: string },
  ) => Promise<RightsRequestCreated>;
}

export function createPublicApi(deps: ApiDeps): CoreConsentApi {
  const after = async (work: Promise<unknown>) => {
    await work;
    return deps.state();
  };
  return {
    get: () => deps.state(),
    set(choices) {
      const parsed = ChoicesSchema.safeParse(choices);
      if (!parsed.success)
        return Promise.reject(new TypeError(`CoreConsent.set: ${formatIssues(parsed.error)}`));
      const { jurisdiction, choices: current } = deps.state();
      return after(deps.choose(completeChoices(jurisdiction, current, parsed.data), 'api'));
    },
    acceptAll: () =>
      after(deps.choose(acceptAllChoices(deps.state().jurisdiction, deps.state().gpc), 'accept-all')),
    rejectAll: () => after(deps.choose(rejectAllChoices(deps.state().jurisdiction), 'reject-all')),
    open: () => deps.open(),
    on(event, fn) {
      if ((event !== 'change' && event !== 'ready') || typeof fn !== 'function') {
        throw new TypeError('CoreConsent.on: event must be "change" or "ready", with a function');
      }
      return deps.on(event, fn);
    },
    history: () => deps.history(),
    async export(format) {
      const parsed = ExportFormatSchema.safeParse(format);
      if (!parsed.success) throw new TypeError('CoreConsent.export: format must be "json", "csv" or "xml"');
      const [exportRecords, records] = await Promise.all([deps.exporter(), deps.history()]);
      return exportRecords(records, parsed.data);
    },
    requestRight(kind, details = {}) {
      const parsed = RightsRequestKindSchema.safeParse(kind);
      if (!parsed.success)
        return Promise.reject(
          new TypeError(`CoreConsent.requestRight: ${formatIssues(parsed.error, 'kind')}`),
        );
      return deps.requestRight(parsed.data, details);
    },
  };
}
