import type { Choices, Purpose } from '@coreitsm/protocol';

type Flag = 'granted' | 'denied';
/** Google Consent Mode v2: all seven consent types. */
export interface ConsentModeState {
  ad_storage: Flag;
  ad_user_data: Flag;
  ad_personalization: Flag;
  analytics_storage: Flag;
  functionality_storage: Flag;
  personalization_storage: Flag;
  security_storage: Flag;
}

type DataLayerWindow = Window & { dataLayer?: unknown[]; gtag?: (...args: unknown[]) => void };

/**
 * Our purposes mapped onto Consent Mode types. Advertising needs marketing, and in the US also
 * that the person has not opted out of sale/sharing.
 */
export function toConsentMode(choices: Choices): ConsentModeState {
  const on = (...purposes: Purpose[]): Flag =>
    purposes.every((p) => choices[p] === undefined || choices[p] === 'granted') &&
    purposes.some((p) => choices[p] === 'granted')
      ? 'granted'
      : 'denied';
  const ads = on('marketing', 'sale_sharing');
  return {
    ad_storage: ads,
    ad_user_data: ads,
    ad_personalization: ads,
    analytics_storage: on('analytics'),
    functionality_storage: on('functional'),
    personalization_storage: on('functional'),
    security_storage: 'granted',
  };
}

/**
 * `gtag('consent', 'default' | 'update', …)` through the standard `dataLayer` stub (a gtag.js
 * loaded later replays it). `default` must run before any Google tag: the loader calls it first.
 */
export function pushConsentMode(win: Window, command: 'default' | 'update', choices: Choices): void {
  const w = win as DataLayerWindow;
  w.dataLayer = w.dataLayer ?? [];
  if (typeof w.gtag !== 'function') {
    w.gtag = function gtag() {
      // gtag.js expects the `arguments` object itself, not an array.
      // biome-ignore lint/complexity/noArguments: the gtag protocol pushes `arguments`
      w.dataLayer?.push(arguments);
    };
  }
  const state: Record<string, unknown> = { ...toConsentMode(choices) };
  if (command === 'default') state.wait_for_update = 500;
  w.gtag('consent', command, state);
}

/** A `dataLayer` event for tag managers: `{ event: 'coreconsent_update', coreconsent: state }`. */
export function pushDataLayerEvent(win: Window, state: unknown): void {
  const w = win as DataLayerWindow;
  w.dataLayer = w.dataLayer ?? [];
  w.dataLayer.push({ event: 'coreconsent_update', coreconsent: state });
}
