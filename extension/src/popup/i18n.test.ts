import { describe, expect, it } from 'vitest';
import { LOCALES, pickLocale, translator } from './i18n.js';

describe('i18n', () => {
  it('has every English string in pt-PT too, with the same placeholders', () => {
    for (const [key, text] of Object.entries(LOCALES.en)) {
      const pt = LOCALES['pt-PT'][key as keyof typeof LOCALES.en];
      expect(pt, key).toBeTruthy();
      expect(pt.match(/\{\w+\}/g)?.sort() ?? [], key).toEqual(text.match(/\{\w+\}/g)?.sort() ?? []);
    }
  });

  it('picks the first supported browser language', () => {
    expect(pickLocale(['pt-PT', 'en'])).toBe('pt-PT');
    expect(pickLocale(['de', 'pt-BR'])).toBe('pt-PT');
    expect(pickLocale(['de'])).toBe('en');
  });

  it('fills placeholders', () => {
    expect(translator('en')('revoke', { purpose: 'Marketing' })).toBe('Revoke Marketing');
  });
});
