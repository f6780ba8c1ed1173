import { formatIssues } from '@coreitsm/protocol';
import type { SdkConfig } from '../core/types.js';
import { type ConfigEnv, normalizeAttributes, toConfig } from './config-fields.js';
import { ConfigAttributesSchema } from './config-schema.js';

export type ConfigResult = { ok: true; config: SdkConfig } | { ok: false; error: string };

export { ATTRIBUTES, readAttributes } from './config-fields.js';

/**
 * Parses the attributes into a config. Relative `data-api`/`data-policy-url` resolve against the
 * page; every problem is reported naming its attribute (`data-site: is required`), and the caller
 * fails closed on `ok: false`.
 *
 * @example
 * const result = parseConfig({ site: 'servicedesk', 'policy-version': '2026-04-08' }, { baseUrl: location.href, origin: location.origin });
 * if (!result.ok) console.error(result.error);
 */
export function parseConfig(raw: Record<string, string>, env: ConfigEnv): ConfigResult {
  const result = ConfigAttributesSchema.safeParse(normalizeAttributes(raw, env));
  if (!result.success) {
    const message = formatIssues(result.error).replace(/(^|; )([\w-]+)(?=[.:])/g, '$1data-$2');
    return { ok: false, error: `CoreConsent: invalid configuration, consent stays denied: ${message}` };
  }
  return { ok: true, config: toConfig(result.data, env) };
}
