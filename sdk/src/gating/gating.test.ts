// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { declaredCookies, deleteCookies, revokedPurposes } from './cookies.js';
import { releaseIframes } from './release-iframes.js';
import { releaseScripts } from './release-scripts.js';

afterEach(() => {
  document.body.innerHTML = '';
});

const granted = { necessary: 'granted', analytics: 'granted', marketing: 'denied' } as const;

describe('script gating', () => {
  it('releases only granted purposes, once, keeping attributes and the nonce', () => {
    document.body.innerHTML = `
      <script type="text/plain" data-consent="analytics" id="a" data-cookies="_ga" nonce="n0nce">window.a = 1</script>
      <script type="text/plain" data-consent="marketing" id="m">window.m = 1</script>
      <script type="text/plain" data-consent="analytics marketing" id="both">window.b = 1</script>
      <script type="text/plain" data-consent="analytcs" id="typo">window.t = 1</script>
      <script type="text/plain" data-consent="analytics" data-src="/tag.js" id="ext"></script>`;
    expect(releaseScripts(document, granted)).toBe(2);
    const released = [...document.querySelectorAll('script:not([type="text/plain"])')] as HTMLScriptElement[];
    expect(released.map((s) => s.id)).toEqual(['a', 'ext']);
    expect(released[0]?.textContent).toBe('window.a = 1');
    expect(released[0]?.nonce).toBe('n0nce');
    expect(released[1]?.getAttribute('src')).toBe('/tag.js');
    expect(releaseScripts(document, granted)).toBe(0);
  });

  it("never lends the page's nonce to a gated script that had none (finding 4)", () => {
    document.body.innerHTML = `
      <script type="text/plain" data-consent="necessary" id="injected">window.x = 1</script>
      <script type="text/plain" data-consent="analytics" id="own" nonce="other">window.y = 1</script>`;
    expect(releaseScripts(document, granted)).toBe(2);
    const [injected, own] = [
      ...document.querySelectorAll('script:not([type="text/plain"])'),
    ] as HTMLScriptElement[];
    expect([injected?.id, injected?.nonce ?? '', injected?.hasAttribute('nonce')]).toEqual([
      'injected',
      '',
      false,
    ]);
    expect([own?.id, own?.nonce]).toEqual(['own', 'other']);
  });
});

describe('iframe gating', () => {
  it('loads granted embeds and unloads revoked ones', () => {
    document.body.innerHTML = `<iframe data-consent="marketing" data-src="https://video.example/embed"></iframe>`;
    const frame = document.querySelector('iframe') as HTMLIFrameElement;
    expect(releaseIframes(document, granted)).toEqual([frame]);
    expect(frame.getAttribute('src')).toBeNull();
    releaseIframes(document, { ...granted, marketing: 'granted' });
    expect(frame.getAttribute('src')).toBe('https://video.example/embed');
    releaseIframes(document, granted);
    expect(frame.getAttribute('src')).toBe('about:blank');
    expect(frame.hidden).toBe(true);
  });
});

describe('cookies', () => {
  it('finds declared cookies per purpose and deletes matching ones (prefix with *)', () => {
    document.body.innerHTML = `
      <script type="text/plain" data-consent="analytics" data-cookies="_ga, _ga_*"></script>
      <meta data-cookies-for="marketing" data-cookies="_fbp">`;
    expect(declaredCookies(document, 'analytics')).toEqual(['_ga', '_ga_*']);
    expect(declaredCookies(document, 'marketing')).toEqual(['_fbp']);
    for (const cookie of ['_ga=1; path=/', '_ga_XYZ=2; path=/', 'session=3; path=/']) {
      // biome-ignore lint/suspicious/noDocumentCookie: the test plants cookies the way tags set them
      document.cookie = cookie;
    }
    expect(deleteCookies(['_ga', '_ga_*']).sort()).toEqual(['_ga', '_ga_XYZ']);
    expect(document.cookie).toBe('session=3');
  });

  it('lists purposes that went from granted to not granted', () => {
    expect(revokedPurposes(granted, { ...granted, analytics: 'denied' })).toEqual(['analytics']);
    expect(revokedPurposes(granted, { ...granted, marketing: 'granted' })).toEqual([]);
  });
});
