import type { Jurisdiction } from '@coreitsm/protocol';

// US time zones (IANA canonical names used by browsers), for the client-only `auto` guess.
const US_ZONES =
  /^(America\/(New_York|Chicago|Denver|Phoenix|Los_Angeles|Anchorage|Detroit|Boise|Juneau|Sitka|Nome|Adak|Metlakatla|Yakutat|Menominee|Indiana\/.+|Kentucky\/.+|North_Dakota\/.+)|Pacific\/Honolulu)$/;
const CANADA_ZONES =
  /^America\/(Toronto|Vancouver|Edmonton|Winnipeg|Halifax|St_Johns|Regina|Moncton|Whitehorse|Yellowknife|Iqaluit|Glace_Bay|Goose_Bay|Swift_Current|Dawson_Creek|Fort_Nelson|Creston|Rankin_Inlet|Cambridge_Bay|Inuvik|Resolute|Atikokan|Blanc-Sablon|Dawson)$/;
const BRAZIL_ZONES =
  /^America\/(Sao_Paulo|Bahia|Fortaleza|Recife|Maceio|Belem|Manaus|Cuiaba|Campo_Grande|Porto_Velho|Boa_Vista|Rio_Branco|Araguaina|Santarem|Eirunepe|Noronha)$/;

/**
 * `data-jurisdiction="auto"`: a guess from the browser's time zone, the only location hint a
 * script has without a network call. Anything unrecognised falls back to `gdpr`, the strictest
 * (opt-in) regime, so a wrong guess never grants by default. Sites that know better (a CDN geo
 * header) should set the attribute explicitly.
 */
export function guessJurisdiction(timeZone: string | undefined): Jurisdiction {
  if (!timeZone) return 'gdpr';
  if (US_ZONES.test(timeZone)) return 'ccpa';
  if (CANADA_ZONES.test(timeZone)) return 'pipeda';
  if (BRAZIL_ZONES.test(timeZone)) return 'lgpd';
  return 'gdpr';
}
