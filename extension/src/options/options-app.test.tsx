// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../popup/i18n.js';
import type { PopupApi } from '../popup/popup-api.js';
import { OptionsApp } from './options-app.js';

afterEach(() => {
  document.body.innerHTML = '';
});

async function mount(grant: boolean) {
  let origins: string[] = [];
  const calls: string[] = [];
  const api = (async (type: string, payload: { origin?: string }) => {
    calls.push(type);
    if (type === 'managed:add' && payload.origin) origins = [...origins, payload.origin];
    if (type === 'managed:remove') origins = origins.filter((o) => o !== payload.origin);
    if (type === 'sites:list') return { sites: [] };
    return { origins, builtIn: ['*://localhost/*', '*://127.0.0.1/*'] };
  }) as unknown as PopupApi;
  const requestAccess = vi.fn(async () => grant);
  const releaseAccess = vi.fn(async () => true);
  const el = document.body.appendChild(document.createElement('div'));
  await act(async () => {
    render(
      <OptionsApp
        env={{ api, t: translator('en'), locale: 'en' }}
        requestAccess={requestAccess}
        releaseAccess={releaseAccess}
      />,
      el,
    );
  });
  const submit = async (value: string) => {
    const input = el.querySelector('input') as HTMLInputElement;
    await act(async () => {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      el.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await act(async () => new Promise((r) => setTimeout(r, 0)));
  };
  return { el, calls, requestAccess, releaseAccess, submit };
}

describe('OptionsApp', () => {
  it('lists the built-in hosts and asks for host access before adding an origin', async () => {
    const { el, calls, requestAccess, submit } = await mount(true);
    expect(el.textContent).toContain('*://localhost/*');
    await submit('https://shop.example/some/page');
    expect(requestAccess).toHaveBeenCalledWith('https://shop.example/*');
    expect(calls).toContain('managed:add');
    expect(el.querySelector('li[data-origin="https://shop.example"]')).not.toBeNull();
  });

  it('adds nothing when the person refuses access, and says so', async () => {
    const { el, calls, submit } = await mount(false);
    await submit('https://shop.example');
    expect(calls).not.toContain('managed:add');
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('was not granted');
  });

  it('refuses something that is not a web address', async () => {
    const { el, requestAccess, submit } = await mount(true);
    await submit('ftp://files.example');
    expect(requestAccess).not.toHaveBeenCalled();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('https://example.com');
  });
});
