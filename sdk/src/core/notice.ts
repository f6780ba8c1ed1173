import { type Notice, noticeHash, type OptionalPurpose, purposesFor, type Service } from '@coreitsm/protocol';
import type { PendingNotice } from '../storage/consent-store.js';
import type { SdkConfig } from './types.js';

/**
 * Proof of notice (docs/contracts.md, "Proof of notice"): the notice a person decided on — this
 * site, the language, the policy version, the texts of the surface they decided on (the banner's
 * or the preference center's, by role: `bannerTitle`, `purpose.analytics.description`, …), the
 * optional purposes offered and the services listed there — and its hash, computed by protocol's
 * one function. Every record the SDK makes names it by `noticeHash`.
 *
 * Why the texts of the surface and not one notice per site: a banner decision was made on the
 * banner's words, so that is what proves it; the center's texts and services (a layer further)
 * are its own notice, and a decision made from code (the API, the extension, GPC) names the
 * center's, the fullest statement of what the site does.
 */
export async function makeNotice(
  config: SdkConfig,
  language: string,
  texts: Record<string, string>,
  services: readonly Service[],
): Promise<PendingNotice> {
  const site = config.site?.purposes;
  const notice: Notice = {
    siteId: config.siteId,
    language,
    policyVersion: config.policyVersion,
    texts,
    purposes: purposesFor(config.jurisdiction).filter(
      (p): p is OptionalPurpose => p !== 'necessary' && (!site || site.includes(p)),
    ),
    // Not copied: the notice is hashed and stored as is, never changed.
    services: services as Service[],
  };
  return { hash: await noticeHash(notice), notice };
}
