import { formatIssues } from '@coreitsm/protocol';
import type { SdkConfig } from '../core/types.js';
import { ConfigAttributesSchema } from './config-schema.js';
import { guessJurisdiction } from './resolve-jurisdiction.js';

export type ConfigResult = { ok: true; config: SdkConfig } | { ok: false; error: string };

const ATTRIBUTES = [
  'site',
  'api',
  'policy-version',
  'policy-url',
  'jurisdiction',
  'lang',
  'nonce',
  'expiry-months',
];

/** The `data-*` attributes the SDK reads, from its own script element. */
export function readAttributes(element: Element): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const name of ATTRIBUTES) {
    const value = element.getAttribute(`data-${name}`);
    if (value !== null) raw[name] = value.trim();
  }
  return raw;
}

/**
 * Parses the attributes into a config. Relative `data-api`/`data-policy-url` resolve against the
 * page; every problem is reported naming its attribute (`data-site: is required`), and the caller
 * fails closed on `ok: false`.
 *
 * @example
 * const result = parseConfig({ site: 'servicedesk', 'policy-version': '2026-04-08' }, { baseUrl: location.href, origin: location.origin });
 * if (!result.ok) console.error(result.error);
 */
export function parseConfig(
  raw: Record<string, string>,
  env: { baseUrl: string; origin: string; timeZone?: string },
): ConfigResult {
  const input: Record<string, string> = { ...raw };
  for (const key of ['api', 'policy-url']) {
    const value = input[key];
    if (value === undefined) continue;
    if (value === '') {
      delete input[key];
      continue;
    }
    try {
      input[key] = new URL(value, env.baseUrl).href;
    } catch {
      // leave it: the schema reports it as not a URL
    }
  }
  const result = ConfigAttributesSchema.safeParse(input);
  if (!result.success) {
    const message = formatIssues(result.error).replace(/(^|; )([\w-]+)(?=[.:])/g, '$1data-$2');
    return { ok: false, error: `CoreConsent: invalid configuration, consent stays denied: ${message}` };
  }
  const attrs = result.data;
  const setting = attrs.jurisdiction ?? 'auto';
  return {
    ok: true,
    config: {
      siteId: attrs.site,
      api: attrs.api ? attrs.api.replace(/\/+$/, '') : null,
      policyVersion: attrs['policy-version'],
      policyUrl: attrs['policy-url'] ?? null,
      jurisdiction: setting === 'auto' ? guessJurisdiction(env.timeZone) : setting,
      lang: attrs.lang ?? null,
      nonce: attrs.nonce ?? null,
      expiryMonths: attrs['expiry-months'] ? Number(attrs['expiry-months']) : 12,
      origin: env.origin,
    },
  };
}
