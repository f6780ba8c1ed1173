import type { Purpose, Service } from '@coreitsm/protocol';
import { fill, type Strings } from '../i18n/strings.js';
import type { PolicyVersionText } from '../ui/site-texts.js';

export interface CenterNoticeInput {
  /** The purposes the center lists (`necessary` first), as ui/preferences-dialog.tsx shows them. */
  purposes: readonly Purpose[];
  services: readonly Service[];
  policyHistory: readonly PolicyVersionText[];
  policyVersion: string;
  policyUrl: string | null;
  gpcHonored: boolean;
}

/**
 * The preference center's texts by role, as ui/preferences-dialog.tsx, purpose-switch.tsx and
 * service-list.tsx put them on screen (the services themselves go into the notice whole).
 * ui/ui.test.tsx renders the center and checks that every text here is on screen.
 */
export function centerTexts(s: Strings, input: CenterNoticeInput): Record<string, string> {
  const texts: Record<string, string> = {
    preferencesTitle: s.preferencesTitle,
    preferencesIntro: s.preferencesIntro,
    policyVersion: fill(s.policyVersion, { v: input.policyVersion }),
    acceptAll: s.acceptAll,
    rejectAll: s.rejectAll,
    save: s.save,
  };
  if (input.policyUrl) texts.policy = s.policy;
  if (input.gpcHonored) texts.gpcHonored = s.gpcHonored;
  for (const purpose of input.purposes) {
    texts[`purpose.${purpose}.name`] = s.purposes[purpose].name;
    texts[`purpose.${purpose}.description`] = s.purposes[purpose].description;
    if (purpose === 'necessary') texts.alwaysOn = s.alwaysOn;
  }
  if (input.services.some((service) => service.cookies?.length)) {
    texts.cookie = s.cookie;
    texts.duration = s.duration;
    texts.whatFor = s.whatFor;
  }
  if (input.policyHistory.length > 0) texts.policyHistoryTitle = s.policyHistoryTitle;
  input.policyHistory.forEach((v, i) => {
    texts[`policyHistory.${i}`] = `${v.version} (${v.effective}) ${v.text}`.trim();
  });
  return texts;
}
