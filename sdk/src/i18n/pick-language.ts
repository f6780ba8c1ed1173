export const LANGUAGES = ['en', 'pt-PT', 'es', 'fr', 'de'] as const;
export type UiLanguage = (typeof LANGUAGES)[number];

/**
 * The UI language: `data-lang`, then `<html lang>`, then the browser's languages; the first one
 * we ship wins, matched exactly and then by base language (`pt-BR` → `pt-PT`, `de-AT` → `de`).
 */
export function pickLanguage(candidates: readonly (string | null | undefined)[]): UiLanguage {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const lower = candidate.toLowerCase();
    const exact = LANGUAGES.find((l) => l.toLowerCase() === lower);
    if (exact) return exact;
    const base = lower.split('-')[0];
    const byBase = LANGUAGES.find((l) => l.toLowerCase().split('-')[0] === base);
    if (byBase) return byBase;
  }
  return 'en';
}
