// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { updateGpp } from './gpp.js';
import { installGppStub } from './gpp-stub.js';

type GppWindow = Window & {
  __gpp?: (command: string, cb: (data: unknown, ok: boolean) => void, param?: unknown) => void;
};

describe('IAB GPP (usnat)', () => {
  // `data-gpp-cmp-id`: the IAB-assigned id both the stub and the library report (module state: one id here).
  const CMP_ID = 42;

  it('the stub answers ping at once with CMP API 1.1 fields: usnat supported, the configured CMP id', async () => {
    const win = {} as GppWindow;
    installGppStub(win as unknown as Window, CMP_ID);
    const ping = await new Promise<Record<string, unknown>>((resolve) =>
      win.__gpp?.('ping', (data) => resolve(data as Record<string, unknown>)),
    );
    expect(ping).toMatchObject({
      gppVersion: '1.1',
      cmpStatus: 'stub',
      cmpId: CMP_ID,
      supportedAPIs: ['7:usnat'],
    });
  });

  it('queues calls made to the stub and answers them once the library is in', async () => {
    installGppStub(window, CMP_ID);
    const early = new Promise<unknown>((resolve) =>
      (window as GppWindow).__gpp?.('addEventListener', (data) => resolve(data)),
    );
    updateGpp(
      { necessary: 'granted', marketing: 'denied', sale_sharing: 'denied', sensitive_limit: 'granted' },
      true,
      CMP_ID,
    );
    expect(await early).toMatchObject({ eventName: expect.any(String) });
  });

  it('installs __gpp with the usnat section and the opt-outs', async () => {
    updateGpp(
      { necessary: 'granted', marketing: 'denied', sale_sharing: 'denied', sensitive_limit: 'granted' },
      true,
      CMP_ID,
    );
    const gpp = (window as GppWindow).__gpp;
    expect(typeof gpp).toBe('function');
    const ping = await new Promise<Record<string, unknown>>((resolve) =>
      gpp?.('ping', (data) => resolve(data as Record<string, unknown>)),
    );
    expect(ping.applicableSections).toEqual([7]);
    expect(ping.supportedAPIs).toEqual(['7:usnat']);
    expect(ping.cmpId).toBe(CMP_ID);
    expect(ping.signalStatus).toBe('ready');
    expect(String(ping.gppString)).toMatch(/^DB/);
    const section = await new Promise<Record<string, unknown>>((resolve) =>
      gpp?.('getSection', (data) => resolve(data as Record<string, unknown>), 'usnat'),
    );
    expect(section).toMatchObject({
      SaleOptOut: 1,
      SharingOptOut: 1,
      TargetedAdvertisingOptOut: 1,
      Gpc: true,
    });
  });
});
