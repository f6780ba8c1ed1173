import {
  HttpUrlSchema,
  JURISDICTIONS,
  LanguageSchema,
  PolicyVersionSchema,
  SiteIdSchema,
} from '@coreitsm/protocol';
import * as z from 'zod/mini';

/** `auto` plus the contract's jurisdictions. */
export const JurisdictionSettingSchema = z.enum(['auto', ...JURISDICTIONS]);

/**
 * The script tag's `data-*` attributes as strings (the DOM gives nothing else). Keys are the
 * attribute names without `data-`, so an error path names the attribute.
 */
export const ConfigAttributesSchema = z.object({
  site: SiteIdSchema,
  api: z.optional(HttpUrlSchema),
  'policy-version': PolicyVersionSchema,
  'policy-url': z.optional(HttpUrlSchema),
  jurisdiction: z.optional(JurisdictionSettingSchema),
  lang: z.optional(LanguageSchema),
  // A CSP nonce is base64: keep it to that alphabet so it cannot smuggle markup.
  nonce: z.optional(z.string().check(z.regex(/^[A-Za-z0-9+/_=-]{1,256}$/, 'must be a base64 nonce'))),
  // Whole months, 1–24: longer than two years is not "fresh" consent anywhere we know of.
  'expiry-months': z.optional(
    z.string().check(
      z.regex(/^\d{1,2}$/, 'must be a whole number of months'),
      z.refine((v) => Number(v) >= 1 && Number(v) <= 24, 'must be between 1 and 24'),
    ),
  ),
  // IAB CMP ids are 12-bit (TCF's CmpId field; GPP reuses the registry): 0 is "unregistered".
  'gpp-cmp-id': z.optional(
    z.string().check(
      z.regex(/^\d{1,4}$/, 'must be a whole number (the IAB-assigned CMP id)'),
      z.refine((v) => Number(v) <= 4095, 'must be at most 4095'),
    ),
  ),
  // The site configuration's URL (contract: "Site configuration (SDK)"), fetched without credentials.
  config: z.optional(HttpUrlSchema),
});
export type ConfigAttributes = z.infer<typeof ConfigAttributesSchema>;
