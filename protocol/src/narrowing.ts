import type { Choices } from './record.js';
import type { OptionalPurpose, Purpose } from './vocabulary.js';

/**
 * `after` only narrows `before`: no purpose that was denied (or absent) becomes granted.
 * The extension and the bridge may only ever narrow consent; this is the rule they enforce.
 */
export function isNarrowing(before: Choices, after: Choices): boolean {
  for (const [purpose, value] of Object.entries(after) as [Purpose, Choices[Purpose]][]) {
    if (value === 'granted' && before[purpose] !== 'granted') return false;
  }
  return true;
}

/** `choices` with `purposes` denied (those the snapshot carries; `necessary` cannot be denied). */
export function denyPurposes(choices: Choices, purposes: readonly OptionalPurpose[]): Choices {
  const next: Choices = { ...choices };
  for (const purpose of purposes) if (next[purpose] !== undefined) next[purpose] = 'denied';
  return next;
}
