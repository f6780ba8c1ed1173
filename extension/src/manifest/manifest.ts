import { BUILT_IN_MATCHES } from '../background/managed-origins.js';

export type Target = 'chrome' | 'firefox';

/** Firefox's add-on id (needed for storage and for `web-ext lint`), fixed so updates keep the data. */
export const GECKO_ID = 'companion@consent.coreitsm.example';

/**
 * The permissions, each justified in README.md ("Permissions"). A snapshot test pins this list:
 * a new permission is a decision, not a side effect.
 */
export const PERMISSIONS = ['declarativeNetRequest', 'scripting', 'alarms', 'cookies'] as const;
/** Host access out of the box: the demo sites on localhost / 127.0.0.1, any port. */
export const HOST_PERMISSIONS = BUILT_IN_MATCHES;
/** Other CoreITsm sites: asked for one origin at a time, at run time, from the options page. */
export const OPTIONAL_HOST_PERMISSIONS = ['https://*/*', 'http://*/*'];

/**
 * The manifest for one browser, from one source. Chrome runs the background as a service worker;
 * Firefox (MV3) as background scripts — each browser ignores the other's key, but we emit only
 * the one it uses so neither warns.
 */
export function buildManifest(target: Target, version: string) {
  return {
    manifest_version: 3,
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    version,
    default_locale: 'en',
    icons: { '16': 'icons/icon-16.png', '48': 'icons/icon-48.png', '128': 'icons/icon-128.png' },
    action: {
      default_title: '__MSG_extensionName__',
      default_popup: 'popup.html',
      default_icon: { '16': 'icons/icon-16.png', '48': 'icons/icon-48.png' },
    },
    options_ui: { page: 'options.html', open_in_tab: true },
    background: target === 'chrome' ? { service_worker: 'background.js' } : { scripts: ['background.js'] },
    permissions: [...PERMISSIONS],
    host_permissions: [...HOST_PERMISSIONS],
    optional_host_permissions: [...OPTIONAL_HOST_PERMISSIONS],
    content_scripts: [
      { matches: [...HOST_PERMISSIONS], js: ['content.js'], run_at: 'document_start', all_frames: false },
    ],
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'" },
    ...(target === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 142: data_collection_permissions (Firefox 140, Android 142); MAIN-world registration needs 128.
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { minimum_chrome_version: '111' }),
  };
}
