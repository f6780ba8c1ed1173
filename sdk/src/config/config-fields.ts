import type { Jurisdiction } from '@coreitsm/protocol';
import type { SdkConfig } from '../core/types.js';
import { guessJurisdiction } from './resolve-jurisdiction.js';

export const ATTRIBUTES = [
  'site',
  'api',
  'policy-version',
  'policy-url',
  'jurisdiction',
  'lang',
  'nonce',
  'expiry-months',
  'gpp-cmp-id',
  'config',
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

/** What the config parsers need from the page. */
export interface ConfigEnv {
  baseUrl: string;
  origin: string;
  timeZone?: string;
}

/** The attributes once checked (by zod, or by the critical path's validator that agrees with it). */
export interface CheckedAttributes {
  site: string;
  api?: string | undefined;
  'policy-version': string;
  'policy-url'?: string | undefined;
  jurisdiction?: 'auto' | Jurisdiction | undefined;
  lang?: string | undefined;
  nonce?: string | undefined;
  'expiry-months'?: string | undefined;
  'gpp-cmp-id'?: string | undefined;
  config?: string | undefined;
}

/**
 * Before checking: relative `data-api`/`data-policy-url`/`data-config` resolve against the page, and an empty
 * one means "not set". A value that is no URL is left for the check to report.
 */
export function normalizeAttributes(raw: Record<string, string>, env: ConfigEnv): Record<string, string> {
  const input: Record<string, string> = { ...raw };
  for (const key of ['api', 'policy-url', 'config']) {
    const value = input[key];
    if (value === undefined) continue;
    if (value === '') {
      delete input[key];
      continue;
    }
    try {
      input[key] = new URL(value, env.baseUrl).href;
    } catch {
      // leave it: the check reports it as not a URL
    }
  }
  return input;
}

/** Checked attributes → the SDK's config (`auto` resolved, defaults filled in). */
export function toConfig(attrs: CheckedAttributes, env: ConfigEnv): SdkConfig {
  const setting = attrs.jurisdiction ?? 'auto';
  return {
    siteId: attrs.site,
    api: attrs.api ? attrs.api.replace(/\/+$/, '') : null,
    policyVersion: attrs['policy-version'],
    policyUrl: attrs['policy-url'] ?? null,
    jurisdiction: setting === 'auto' ? guessJurisdiction(env.timeZone) : setting,
    lang: attrs.lang ?? null,
    nonce: attrs.nonce ?? null,
    expiryMonths: attrs['expiry-months'] ? Number(attrs['expiry-months']) : 12,
    gppCmpId: attrs['gpp-cmp-id'] ? Number(attrs['gpp-cmp-id']) : 0,
    origin: env.origin,
    configUrl: attrs.config ?? null,
    site: null,
  };
}
