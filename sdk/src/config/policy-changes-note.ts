import type { SiteConfig } from '@coreitsm/protocol';
import { policyChanges } from '../ui/site-texts.js';

/**
 * The banner's heading over the changes, in the SDK's five languages: here in coreconsent-site.js
 * (only pages with a configuration have a policy history), not in every banner translation file.
 */
const HEADING: Record<string, string> = {
  en: 'What changed in our privacy policy',
  'pt-PT': 'O que mudou na nossa política de privacidade',
  es: 'Qué ha cambiado en nuestra política de privacidad',
  fr: 'Ce qui a changé dans notre politique de confidentialité',
  de: 'Was sich in unserer Datenschutzerklärung geändert hat',
};

/**
 * The banner's `[data-policy-changes]` when a new policy version re-prompts: the summary of every
 * version newer than the one the person last decided on, each with its effective date. Null when
 * the history has nothing newer.
 */
export function policyChangesNote(
  site: SiteConfig,
  current: string,
  decided: string | null,
  language: string,
): HTMLElement | null {
  const changes = policyChanges(site, current, decided, language);
  if (changes.length === 0) return null;
  const box = document.createElement('div');
  box.setAttribute('data-policy-changes', '');
  const heading = document.createElement('p');
  heading.className = 'note';
  heading.textContent = HEADING[language] ?? HEADING.en ?? '';
  box.append(heading);
  for (const change of changes) {
    const item = document.createElement('p');
    item.setAttribute('data-policy-version', change.version);
    item.textContent = `${change.effective}: ${change.text}`;
    box.append(item);
  }
  return box;
}
