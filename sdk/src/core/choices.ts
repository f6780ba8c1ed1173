import {
  type Choices,
  type ChoiceValue,
  JURISDICTION_RULES,
  type Jurisdiction,
  type Purpose,
  purposesFor,
} from '@coreitsm/protocol';

/**
 * The purposes the Global Privacy Control signal speaks for. In opt-out jurisdictions it is the
 * statutory "do not sell or share" (and the targeted advertising it implies); in opt-in ones it
 * keeps marketing off by default.
 */
export function gpcCoveredPurposes(jurisdiction: Jurisdiction): readonly Purpose[] {
  return JURISDICTION_RULES[jurisdiction].model === 'opt-in' ? ['marketing'] : ['sale_sharing', 'marketing'];
}

/**
 * The optional purposes a site uses (its configuration's `purposes`), or null: all of them. A
 * purpose a site does not list is never granted there, whatever a record, a default or a click says.
 */
export type SitePurposes = readonly string[] | null | undefined;

/**
 * A full snapshot for `jurisdiction`: `necessary` granted, each other purpose from `pick`, and one
 * the site does not use (`purposes`) denied.
 */
export function snapshot(
  jurisdiction: Jurisdiction,
  pick: (purpose: Purpose) => ChoiceValue,
  purposes?: SitePurposes,
): Choices {
  const choices: Choices = {};
  for (const purpose of purposesFor(jurisdiction)) {
    choices[purpose] =
      purpose === 'necessary'
        ? 'granted'
        : purposes && !purposes.includes(purpose)
          ? 'denied'
          : pick(purpose);
  }
  return choices;
}

/**
 * Choices before any decision: opt-in jurisdictions deny everything optional; opt-out and
 * no-banner ones grant it. With GPC on, the purposes the signal covers are denied everywhere.
 */
export function defaultChoices(jurisdiction: Jurisdiction, gpc: boolean, purposes?: SitePurposes): Choices {
  const covered = gpc ? gpcCoveredPurposes(jurisdiction) : [];
  const optIn = JURISDICTION_RULES[jurisdiction].model === 'opt-in';
  return snapshot(jurisdiction, (p) => (optIn || covered.includes(p) ? 'denied' : 'granted'), purposes);
}

/**
 * "Accept all". With GPC on, the purposes the signal covers stay denied: a banner click is not
 * an explicit opt-in to sale/sharing; the person can still switch them on one by one.
 */
export function acceptAllChoices(jurisdiction: Jurisdiction, gpc: boolean, purposes?: SitePurposes): Choices {
  const covered = gpc ? gpcCoveredPurposes(jurisdiction) : [];
  return snapshot(jurisdiction, (p) => (covered.includes(p) ? 'denied' : 'granted'), purposes);
}

/** "Reject all": every optional purpose denied (in the US: opted out of sale/sharing and sensitive use). */
export function rejectAllChoices(jurisdiction: Jurisdiction): Choices {
  return snapshot(jurisdiction, () => 'denied');
}

/**
 * A partial choice (from the API or the preference center) completed into a full snapshot over
 * `base`. Purposes that do not apply in the jurisdiction are ignored; `necessary` stays granted.
 */
export function completeChoices(
  jurisdiction: Jurisdiction,
  base: Choices,
  partial: Choices,
  purposes?: SitePurposes,
): Choices {
  return snapshot(jurisdiction, (p) => partial[p] ?? base[p] ?? 'denied', purposes);
}
