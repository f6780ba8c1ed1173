import {
  ContentToBackgroundMessages,
  createDispatcher,
  createSender,
  PopupToBackgroundMessages,
} from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { fakeWorld, ORIGIN_A, ORIGIN_B, record, senderFor, snapshot } from '../test-support/fixtures.js';
import { createContentHandlers } from './content-handlers.js';
import { createPopupHandlers } from './popup-handlers.js';
import { ICON_REFRESH_MS, iconFromBytes, iconSource, sniffIcon } from './site-icon.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const SVG = new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>');
const HTML = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');

/** A world whose background can fetch icons from a table of URLs (each answer: where it ended, bytes). */
async function iconWorld(answers: Record<string, { url?: string; bytes: Uint8Array }>) {
  const world = await fakeWorld();
  const fetched: string[] = [];
  world.deps.fetchIcon = async (url) => {
    fetched.push(url);
    const answer = answers[url];
    return answer ? { url: answer.url ?? url, bytes: answer.bytes } : null;
  };
  const content = createDispatcher(ContentToBackgroundMessages, createContentHandlers(world.deps));
  const popup = createSender(PopupToBackgroundMessages, (request) =>
    createDispatcher(PopupToBackgroundMessages, createPopupHandlers(world.deps))(request, undefined),
  );
  const announce = async (origin: string, favIconUrl?: string) => {
    const sender = senderFor(origin);
    const history = [record({ origin, siteId: origin === ORIGIN_A ? 'servicedesk' : 'status' })];
    await content(
      { type: 'site:announce', payload: { snapshot: snapshot(history, { origin }) } },
      { ...sender, tab: { ...sender.tab, favIconUrl } },
    );
    await new Promise((r) => setTimeout(r, 10)); // the icon is learnt after the answer
  };
  return { world, fetched, announce, popup };
}

describe('site icons (issue 11)', () => {
  it('tells an image by its bytes, not by what the server calls it', () => {
    expect(sniffIcon(PNG)).toBe('png');
    expect(sniffIcon(SVG)).toBe('svg+xml');
    expect(sniffIcon(new Uint8Array([0, 0, 1, 0, 1]))).toBe('x-icon');
    expect(sniffIcon(HTML)).toBeNull();
    expect(sniffIcon(new Uint8Array())).toBeNull();
    expect(
      iconFromBytes(ORIGIN_A, `${ORIGIN_A}/x.png`, new Uint8Array(40_000).fill(0x89), new Date()),
    ).toBeNull();
  });

  it("fetches only from the site's own origin", () => {
    expect(iconSource(ORIGIN_A, `${ORIGIN_A}/assets/icon.svg`)).toBe(`${ORIGIN_A}/assets/icon.svg`);
    expect(iconSource(ORIGIN_A, 'https://tracker.example/pixel.png')).toBe(`${ORIGIN_A}/favicon.ico`);
    expect(iconSource(ORIGIN_A, 'data:image/png;base64,AAAA')).toBe(`${ORIGIN_A}/favicon.ico`);
    expect(iconSource(ORIGIN_A, undefined)).toBe(`${ORIGIN_A}/favicon.ico`);
  });

  it('keeps the icon of an announcing site as a data URL and hands the popup only what it asks for', async () => {
    const { world, fetched, announce, popup } = await iconWorld({
      [`${ORIGIN_A}/assets/favicon.svg`]: { bytes: SVG },
    });
    await announce(ORIGIN_A, `${ORIGIN_A}/assets/favicon.svg`);
    expect(fetched).toEqual([`${ORIGIN_A}/assets/favicon.svg`]);
    const { icons } = await popup('sites:icons', { origins: [ORIGIN_A, ORIGIN_B] });
    expect(Object.keys(icons)).toEqual([ORIGIN_A]);
    expect(icons[ORIGIN_A]).toMatch(/^data:image\/svg\+xml;base64,/);
    // Not fetched again within a day; fetched again after.
    await announce(ORIGIN_A, `${ORIGIN_A}/assets/favicon.svg`);
    expect(fetched).toHaveLength(1);
    world.clock.now += ICON_REFRESH_MS + 1;
    await announce(ORIGIN_A, `${ORIGIN_A}/assets/favicon.svg`);
    expect(fetched).toHaveLength(2);
    // Forgetting the site forgets its icon.
    await world.deps.store.forgetSite(ORIGIN_A);
    expect((await popup('sites:icons', { origins: [ORIGIN_A] })).icons).toEqual({});
  });

  it('keeps nothing that is no image, too big, or reached by a redirect to another origin', async () => {
    const { fetched, announce, popup } = await iconWorld({
      [`${ORIGIN_A}/favicon.ico`]: { bytes: HTML },
      [`${ORIGIN_B}/favicon.ico`]: { url: 'https://cdn.example/icon.png', bytes: PNG },
    });
    await announce(ORIGIN_A, 'https://tracker.example/pixel.png');
    await announce(ORIGIN_B);
    expect(fetched).toEqual([`${ORIGIN_A}/favicon.ico`, `${ORIGIN_B}/favicon.ico`]);
    expect((await popup('sites:icons', { origins: [ORIGIN_A, ORIGIN_B] })).icons).toEqual({});
  });
});
