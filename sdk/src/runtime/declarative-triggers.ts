import type { Jurisdiction } from '@coreitsm/protocol';
import type { CoreConsentApi } from './public-api.js';

/**
 * `data-coreconsent` on any element of the page: `open-preferences` opens the preference center;
 * `do-not-sell` records the sale/sharing opt-out at once in US jurisdictions (then shows the
 * center so the person sees it), elsewhere it only opens the center. One delegated listener, so
 * elements added later work too.
 */
export function listenToTriggers(
  doc: Document,
  api: CoreConsentApi,
  jurisdiction: Jurisdiction,
  report: (error: unknown) => void,
): void {
  doc.addEventListener('click', (event) => {
    const trigger = (event.target as Element | null)?.closest?.('[data-coreconsent]');
    const action = trigger?.getAttribute('data-coreconsent');
    if (action !== 'open-preferences' && action !== 'do-not-sell') return;
    event.preventDefault();
    if (action === 'do-not-sell' && jurisdiction === 'ccpa') {
      api
        .set({ sale_sharing: 'denied' })
        .then(() => api.open())
        .catch(report);
    } else api.open().catch(report);
  });
}
