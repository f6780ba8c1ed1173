/** The one dynamic declarativeNetRequest rule the extension owns. */
export const GPC_RULE_ID = 1;
export const GPC_SCRIPT_ID = 'coreitsm-gpc';
export const BRIDGE_SCRIPT_ID = 'coreitsm-bridge-added';

/** Every request type, main_frame included (a condition without `resourceTypes` leaves it out). */
const RESOURCE_TYPES = [
  'main_frame',
  'sub_frame',
  'stylesheet',
  'script',
  'image',
  'font',
  'object',
  'xmlhttprequest',
  'ping',
  'media',
  'websocket',
  'other',
] as const;

/**
 * The rule that adds `Sec-GPC: 1` to every request to a managed host (the sites and, on the same
 * hosts, their servers). Spec: https://privacycg.github.io/gpc-spec/#the-sec-gpc-header-field-for-http-requests
 */
export function gpcHeaderRule(hosts: readonly string[]) {
  return {
    id: GPC_RULE_ID,
    priority: 1,
    action: {
      type: 'modifyHeaders' as const,
      requestHeaders: [{ header: 'Sec-GPC', operation: 'set' as const, value: '1' }],
    },
    condition: { requestDomains: [...hosts], resourceTypes: [...RESOURCE_TYPES] },
  };
}
