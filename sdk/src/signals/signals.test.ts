import { describe, expect, it } from 'vitest';
import { pickLanguage } from '../i18n/pick-language.js';
import { pushConsentMode, toConsentMode } from './consent-mode.js';
import { installUspApi, usPrivacyString } from './us-privacy.js';

describe('Consent Mode v2', () => {
  it('maps purposes to all seven types; ads need marketing and no sale/sharing opt-out', () => {
    const eu = toConsentMode({
      necessary: 'granted',
      functional: 'granted',
      analytics: 'denied',
      marketing: 'granted',
    });
    expect(eu).toEqual({
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
      analytics_storage: 'denied',
      functionality_storage: 'granted',
      personalization_storage: 'granted',
      security_storage: 'granted',
    });
    const us = toConsentMode({ necessary: 'granted', marketing: 'granted', sale_sharing: 'denied' });
    expect(us.ad_storage).toBe('denied');
    expect(Object.keys(us)).toHaveLength(7);
  });

  it('pushes default (with wait_for_update) and update through the gtag stub', () => {
    const win = {} as Window & { dataLayer?: unknown[] };
    pushConsentMode(win, 'default', { necessary: 'granted', analytics: 'denied' });
    pushConsentMode(win, 'update', { necessary: 'granted', analytics: 'granted' });
    const calls = (win.dataLayer ?? []).map((args) => Array.from(args as ArrayLike<unknown>));
    expect(calls[0]?.slice(0, 2)).toEqual(['consent', 'default']);
    expect(calls[0]?.[2]).toMatchObject({ analytics_storage: 'denied', wait_for_update: 500 });
    expect(calls[1]?.slice(0, 2)).toEqual(['consent', 'update']);
    expect(calls[1]?.[2]).toMatchObject({ analytics_storage: 'granted' });
  });
});

describe('US Privacy', () => {
  it('encodes notice and the sale opt-out; not applicable outside the US', () => {
    expect(usPrivacyString('ccpa', { sale_sharing: 'denied' })).toBe('1YYN');
    expect(usPrivacyString('ccpa', { sale_sharing: 'granted' })).toBe('1YNN');
    expect(usPrivacyString('gdpr', {})).toBe('1---');
  });

  it('answers __uspapi getUSPData v1 only', () => {
    const win = {} as Window & {
      __uspapi?: (c: string, v: number, cb: (d: unknown, ok: boolean) => void) => void;
    };
    installUspApi(win, () => '1YYN');
    const answers: unknown[] = [];
    win.__uspapi?.('getUSPData', 1, (data, ok) => answers.push([data, ok]));
    win.__uspapi?.('getUSPData', 2, (data, ok) => answers.push([data, ok]));
    expect(answers).toEqual([
      [{ version: 1, uspString: '1YYN' }, true],
      [null, false],
    ]);
  });
});

describe('pickLanguage', () => {
  it('takes the first supported language, exactly then by base', () => {
    expect(pickLanguage([null, 'pt-BR', 'en'])).toBe('pt-PT');
    expect(pickLanguage(['de-AT'])).toBe('de');
    expect(pickLanguage(['ja', 'fr-CA'])).toBe('fr');
    expect(pickLanguage(['ja'])).toBe('en');
    expect(pickLanguage(['PT-pt'])).toBe('pt-PT');
  });
});
