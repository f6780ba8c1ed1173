import type { ManagedSiteView } from '@coreitsm/protocol';
import type { PopupEnv } from './popup-api.js';

/** Whether a site may use the person's data for marketing or sell/share it (a pending revocation counts as refused). */
export function allowsSharing(site: ManagedSiteView): boolean {
  const choices = site.state?.choices ?? {};
  return (['marketing', 'sale_sharing'] as const).some(
    (p) => choices[p] === 'granted' && !site.pendingRevocations.includes(p),
  );
}

/** The popup's first line: how many sites, how many of them may use data for marketing or sell/share it, GPC on or off. */
export function SummaryLine({
  env,
  sites,
  gpc,
}: {
  env: PopupEnv;
  sites: readonly ManagedSiteView[];
  gpc: boolean | null;
}) {
  const { t } = env;
  const sharing = sites.filter(allowsSharing).length;
  const parts = [t('summarySites', { count: sites.length }), t('summarySharing', { count: sharing })];
  if (gpc !== null) parts.push(t(gpc ? 'summaryGpcOn' : 'summaryGpcOff'));
  return (
    <p class="summary" data-summary data-sharing={sharing} data-gpc={gpc === null ? undefined : String(gpc)}>
      {parts.join(' · ')}
    </p>
  );
}
