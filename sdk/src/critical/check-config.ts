import { isHttpUrl, JURISDICTIONS, LANGUAGE, POLICY_VERSION, SITE_ID } from '@coreitsm/protocol';
import {
  type CheckedAttributes,
  type ConfigEnv,
  normalizeAttributes,
  toConfig,
} from '../config/config-fields.js';
import type { SdkConfig } from '../core/types.js';

const NONCE = /^[A-Za-z0-9+/_=-]{1,256}$/;

/**
 * The script tag's `data-*` attributes checked without zod, for the returning-visit critical path:
 * accepts exactly what `ConfigAttributesSchema` accepts (a property test holds the two together).
 * `null` = invalid: the caller fails closed and lets the zod parser name the attribute.
 */
export function checkConfig(raw: Record<string, string>, env: ConfigEnv): SdkConfig | null {
  const a = normalizeAttributes(raw, env);
  const optional = (key: string, ok: (v: string) => boolean) => a[key] === undefined || ok(a[key]);
  const months = a['expiry-months'];
  const cmpId = a['gpp-cmp-id'];
  const valid =
    SITE_ID.test(a.site ?? '\n') &&
    POLICY_VERSION.test(a['policy-version'] ?? '\n') &&
    optional('api', isHttpUrl) &&
    optional('policy-url', isHttpUrl) &&
    optional('config', isHttpUrl) &&
    optional('jurisdiction', (v) => v === 'auto' || (JURISDICTIONS as readonly string[]).includes(v)) &&
    optional('lang', (v) => LANGUAGE.test(v)) &&
    optional('nonce', (v) => NONCE.test(v)) &&
    (months === undefined || (/^\d{1,2}$/.test(months) && +months >= 1 && +months <= 24)) &&
    (cmpId === undefined || (/^\d{1,4}$/.test(cmpId) && +cmpId <= 4095));
  return valid ? toConfig(a as unknown as CheckedAttributes, env) : null;
}
