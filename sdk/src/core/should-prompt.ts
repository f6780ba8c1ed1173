import type { Jurisdiction } from '@coreitsm/protocol';
import type { Decision, PromptReason } from './types.js';

export interface PromptContext {
  jurisdiction: Jurisdiction;
  policyVersion: string;
  expiryMonths: number;
  now: Date;
}

/** The instant a decision made at `createdAt` expires (calendar months, UTC). */
export function expiresAt(createdAt: string, months: number): number {
  const date = new Date(createdAt);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

/**
 * Whether the latest record still decides for this page: same jurisdiction (its purposes differ
 * otherwise), same policy version, not expired. An invalid decision falls back to defaults.
 */
export function isDecisionValid(latest: Decision | undefined, ctx: PromptContext): boolean {
  return promptReasonFor(latest, ctx, true) === null;
}

function promptReasonFor(
  latest: Decision | undefined,
  ctx: PromptContext,
  ignoreSignalOnly: boolean,
): PromptReason | null {
  if (!latest) return 'no-decision';
  if (latest.jurisdiction !== ctx.jurisdiction) return 'jurisdiction-changed';
  if (latest.policyVersion !== ctx.policyVersion) return 'new-policy';
  if (expiresAt(latest.createdAt, ctx.expiryMonths) <= ctx.now.getTime()) return 'expired';
  // A record the SDK made from the GPC signal alone is not the person's own choice: still ask.
  if (!ignoreSignalOnly && latest.method === 'gpc') return 'signal-only';
  return null;
}

/**
 * Why the banner must be shown, or null when it need not be. A jurisdiction without a consent
 * law (`none`) never prompts; the preference center stays available.
 *
 * @example
 * shouldPrompt(undefined, { jurisdiction: 'gdpr', policyVersion: 'v1', expiryMonths: 12, now: new Date() });
 * // 'no-decision'
 */
export function shouldPrompt(latest: Decision | undefined, ctx: PromptContext): PromptReason | null {
  if (ctx.jurisdiction === 'none') return null;
  return promptReasonFor(latest, ctx, false);
}
