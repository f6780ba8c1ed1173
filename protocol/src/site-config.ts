import * as z from 'zod/mini';
import { HttpUrlSchema, LanguageSchema, PolicyVersionSchema, SiteNameSchema } from './primitives.js';
import { OptionalPurposeSchema } from './vocabulary.js';

/**
 * A site's description of itself (contract: "Site configuration (SDK)"): its name, the purposes it
 * uses, the services and cookies behind each, its own texts and its policy history. Every string
 * and list is bounded, because the config is rendered to every visitor and hashed into every
 * notice; every object is strict, so a misspelt field is an error that names it rather than a
 * silently ignored setting.
 */

/** Short UI text: a title, a name, a cookie's duration. */
const ShortTextSchema = z.string().check(z.minLength(1), z.maxLength(200));
/** Running text: a banner paragraph, a purpose's description, a summary of policy changes. */
const LongTextSchema = z.string().check(z.minLength(1), z.maxLength(4000));

/** A service id: like a site id (a slug), unique within the config. */
const ServiceIdSchema = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1–64 of a-z, 0-9, ".", "_" or "-"'));

/**
 * A cookie name as `document.cookie` shows it, or a `prefix*` pattern (`_ga_*`): the RFC 6265 token
 * characters, so nothing in it can split a `Set-Cookie` line or an HTML attribute.
 */
export const CookieNamePatternSchema = z
  .string()
  .check(
    z.regex(
      /^[!#$%&'+\-.^_`|~0-9A-Za-z]{1,128}\*?$/,
      'must be a cookie name (RFC 6265 token characters), optionally ending in "*" for a prefix',
    ),
  );

export const ServiceCookieSchema = z.strictObject({
  name: CookieNamePatternSchema,
  duration: z.optional(ShortTextSchema),
  description: z.optional(LongTextSchema),
});
export type ServiceCookie = z.infer<typeof ServiceCookieSchema>;

export const ServiceSchema = z.strictObject({
  id: ServiceIdSchema,
  name: ShortTextSchema,
  purpose: OptionalPurposeSchema,
  provider: z.optional(ShortTextSchema),
  privacyUrl: z.optional(HttpUrlSchema),
  cookies: z.optional(z.array(ServiceCookieSchema).check(z.maxLength(50))),
});
export type Service = z.infer<typeof ServiceSchema>;

const PurposeTextsSchema = z.strictObject({
  name: z.optional(ShortTextSchema),
  description: z.optional(LongTextSchema),
});

/** One language's overrides of the built-in strings; what it leaves out keeps the built-in text. */
export const SiteTextsSchema = z.strictObject({
  bannerTitle: z.optional(ShortTextSchema),
  bannerText: z.optional(LongTextSchema),
  purposes: z.optional(z.partialRecord(OptionalPurposeSchema, PurposeTextsSchema)),
});
export type SiteTexts = z.infer<typeof SiteTextsSchema>;

/** A calendar date, as the policy states when a version takes effect. */
const DateSchema = z.iso.date({ message: 'must be a date like 2026-04-08' });

export const PolicyVersionEntrySchema = z.strictObject({
  version: PolicyVersionSchema,
  effective: DateSchema,
  changes: z.record(LanguageSchema, LongTextSchema),
});
export type PolicyVersionEntry = z.infer<typeof PolicyVersionEntrySchema>;

function unique<T>(key: (item: T) => string, what: string) {
  return z.superRefine<T[]>((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k))
        ctx.addIssue({ code: 'custom', path: [i], message: `repeats ${what} "${k}"`, input: item });
      seen.add(k);
    });
  });
}

export const SiteConfigSchema = z
  .strictObject({
    siteName: z.optional(SiteNameSchema),
    purposes: z.optional(
      z.array(OptionalPurposeSchema).check(
        z.maxLength(8),
        unique((p) => p, 'the purpose'),
      ),
    ),
    services: z.optional(
      z.array(ServiceSchema).check(
        z.maxLength(100),
        unique((s) => s.id, 'the service id'),
      ),
    ),
    texts: z.optional(z.record(LanguageSchema, SiteTextsSchema)),
    policyHistory: z.optional(
      z.array(PolicyVersionEntrySchema).check(
        z.maxLength(50),
        unique((v) => v.version, 'the version'),
      ),
    ),
  })
  .check(
    z.superRefine((config, ctx) => {
      // A service under a purpose the site says it does not use would never be shown or allowed.
      if (!config.purposes || !config.services) return;
      const used = new Set<string>(config.purposes);
      config.services.forEach((service, i) => {
        if (!used.has(service.purpose))
          ctx.addIssue({
            code: 'custom',
            path: ['services', i, 'purpose'],
            message: `"${service.purpose}" is not one of this site's purposes (${config.purposes?.join(', ')})`,
            input: service.purpose,
          });
      });
    }),
  );
export type SiteConfig = z.infer<typeof SiteConfigSchema>;

/** A serialized config larger than this is refused before parsing: it is inlined in every page. */
export const MAX_SITE_CONFIG_BYTES = 64 * 1024;
