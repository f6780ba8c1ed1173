import type { Purpose } from '@coreitsm/protocol';
import { defaultChoices, snapshot } from './choices.js';
import { isGpcHonored } from './gpc-rules.js';
import { isDecisionValid, shouldPrompt } from './should-prompt.js';
import type { ConsentState, Decision, SdkConfig } from './types.js';

/**
 * The state in force: the latest record when it still decides for this page, else the defaults
 * of the jurisdiction (with GPC applied); a purpose the site does not use is denied either way. Pure: `now` and `gpc` come in as arguments.
 */
export function currentState(
  config: SdkConfig,
  latest: Decision | undefined,
  gpc: boolean,
  now: Date,
): ConsentState {
  const ctx = {
    jurisdiction: config.jurisdiction,
    policyVersion: config.policyVersion,
    expiryMonths: config.expiryMonths,
    now,
  };
  const valid = latest && isDecisionValid(latest, ctx) ? latest : undefined;
  const purposes = config.site?.purposes;
  // A stored record holds exactly the jurisdiction's purposes (check-record.ts); one the site no longer uses is denied.
  const choices = valid
    ? snapshot(config.jurisdiction, (p) => valid.choices[p] ?? 'denied', purposes)
    : defaultChoices(config.jurisdiction, gpc, purposes);
  // Revoked in the extension and not yet recorded here: denied until a later decision (contracts: the revocation cookie).
  for (const [purpose, at] of Object.entries(config.revoked ?? {}))
    if (purpose in choices && !(valid && Date.parse(valid.createdAt) > at))
      choices[purpose as Purpose] = 'denied';
  return {
    siteId: config.siteId,
    jurisdiction: config.jurisdiction,
    policyVersion: config.policyVersion,
    choices,
    decided: valid !== undefined,
    promptReason: shouldPrompt(latest, ctx),
    method: valid?.method ?? null,
    recordId: valid?.id ?? null,
    createdAt: valid?.createdAt ?? null,
    gpc,
    gpcHonored: isGpcHonored(gpc, config.jurisdiction, choices),
  };
}
