import { describe, expect, it } from 'vitest';
import { readDemoConfig } from './demo-config.js';

describe('readDemoConfig', () => {
  it('defaults to the contract ports and the local server', () => {
    expect(readDemoConfig({})).toEqual({ ports: [8081, 8082], apiUrl: 'http://127.0.0.1:8787' });
  });
  it('moves the sites and the server', () => {
    expect(readDemoConfig({ COREITSM_SITE_PORTS: '9001, 9002', COREITSM_PORT: '9000' })).toEqual({
      ports: [9001, 9002],
      apiUrl: 'http://127.0.0.1:9000',
    });
    expect(readDemoConfig({ COREITSM_API_URL: 'https://consent.example/' }).apiUrl).toBe(
      'https://consent.example',
    );
    expect(readDemoConfig({ COREITSM_API_URL: 'off' }).apiUrl).toBeNull();
  });
  it('names the variable that is wrong', () => {
    expect(() => readDemoConfig({ COREITSM_SITE_PORTS: '8081' })).toThrow(
      /COREITSM_SITE_PORTS: expected two/,
    );
    expect(() => readDemoConfig({ COREITSM_SITE_PORTS: '8081,x' })).toThrow(/COREITSM_SITE_PORTS: "x"/);
    expect(() => readDemoConfig({ COREITSM_PORT: '99999' })).toThrow(/COREITSM_PORT/);
    expect(() => readDemoConfig({ COREITSM_API_URL: 'ftp://x' })).toThrow(/COREITSM_API_URL/);
  });
});
