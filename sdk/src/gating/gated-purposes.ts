import type { Choices, Purpose } from '@coreitsm/protocol';

/**
 * `data-consent` names one purpose, or several separated by spaces (all must be granted).
 * An unknown purpose never matches, so a typo keeps the content blocked rather than released.
 */
export function gatedPurposes(element: Element): string[] {
  return (element.getAttribute('data-consent') ?? '').split(/\s+/).filter(Boolean);
}

export function isAllowed(purposes: readonly string[], choices: Choices): boolean {
  return purposes.length > 0 && purposes.every((p) => choices[p as Purpose] === 'granted');
}
