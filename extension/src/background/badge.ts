import type { SiteState } from '@coreitsm/protocol';

/**
 * The toolbar badge for a managed site: how many optional purposes it may use (so "0" is a
 * reassuring sight), or empty when the person has not chosen there yet.
 */
export function badgeText(state: SiteState | null): string {
  if (!state) return '';
  let granted = 0;
  for (const [purpose, value] of Object.entries(state.choices)) {
    if (purpose !== 'necessary' && value === 'granted') granted++;
  }
  return String(granted);
}
