import type { ManagedSiteView } from '@coreitsm/protocol';
import { allowsSharing } from '../background/site-view.js';
import type { PopupEnv } from './popup-api.js';

export { allowsSharing };

/** The counts of the summary line, as the background answers them with the list's first window. */
export interface SiteCounts {
  total: number;
  sharing: number;
}

/**
 * The popup's first line: how many sites, how many of them may use data for marketing or sell/share it, GPC on or off.
 * From `counts` while only the list's first window is here (the background counts every site), else from `sites`.
 */
export function SummaryLine({
  env,
  sites,
  counts,
  gpc,
}: {
  env: PopupEnv;
  sites: readonly ManagedSiteView[];
  counts?: SiteCounts | null | undefined;
  gpc: boolean | null;
}) {
  const { t } = env;
  const total = counts?.total ?? sites.length;
  const sharing = counts?.sharing ?? sites.filter(allowsSharing).length;
  const parts = [t('summarySites', { count: total }), t('summarySharing', { count: sharing })];
  if (gpc !== null) parts.push(t(gpc ? 'summaryGpcOn' : 'summaryGpcOff'));
  return (
    <p class="summary" data-summary data-sharing={sharing} data-gpc={gpc === null ? undefined : String(gpc)}>
      {parts.join(' · ')}
    </p>
  );
}
