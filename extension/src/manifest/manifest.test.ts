import { describe, expect, it } from 'vitest';
import { buildManifest } from './manifest.js';

/**
 * The permissions are a promise to the person installing the extension: this snapshot makes any
 * new one a visible decision (update README.md "Permissions" with it).
 */
describe('manifest', () => {
  it.each(['chrome', 'firefox'] as const)('%s asks for exactly these permissions', (target) => {
    const manifest = buildManifest(target, '1.0.0');
    expect({
      permissions: manifest.permissions,
      host_permissions: manifest.host_permissions,
      optional_host_permissions: manifest.optional_host_permissions,
      content_scripts: manifest.content_scripts.map((c) => c.matches),
    }).toMatchInlineSnapshot(`
      {
        "content_scripts": [
          [
            "*://localhost/*",
            "*://127.0.0.1/*",
          ],
        ],
        "host_permissions": [
          "*://localhost/*",
          "*://127.0.0.1/*",
        ],
        "optional_host_permissions": [
          "https://*/*",
          "http://*/*",
        ],
        "permissions": [
          "declarativeNetRequest",
          "scripting",
          "alarms",
          "cookies",
        ],
      }
    `);
  });

  it('uses a service worker on Chrome and background scripts on Firefox', () => {
    expect(buildManifest('chrome', '1.0.0').background).toEqual({ service_worker: 'background.js' });
    const firefox = buildManifest('firefox', '1.0.0');
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox).toHaveProperty('browser_specific_settings.gecko.id');
  });
});
