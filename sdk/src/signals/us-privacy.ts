import type { Choices, Jurisdiction } from '@coreitsm/protocol';

/**
 * The legacy IAB US Privacy string (CCPA): version 1, notice given, opted out of sale, LSPA.
 * Outside the US it is "1---" (not applicable).
 */
export function usPrivacyString(jurisdiction: Jurisdiction, choices: Choices): string {
  if (jurisdiction !== 'ccpa') return '1---';
  return `1Y${choices.sale_sharing === 'denied' ? 'Y' : 'N'}N`;
}

type UspWindow = Window & {
  __uspapi?: (command: string, version: number, cb: (data: unknown, ok: boolean) => void) => void;
};

/** Installs `__uspapi('getUSPData', 1, cb)` and the `usprivacy` first-party cookie (13 months). */
export function installUspApi(win: Window, current: () => string): void {
  const w = win as UspWindow;
  w.__uspapi = (command, version, cb) => {
    if (command === 'getUSPData' && version === 1) cb({ version: 1, uspString: current() }, true);
    else cb(null, false);
  };
}

export function writeUsPrivacyCookie(doc: Document, value: string): void {
  doc.cookie = `usprivacy=${value}; path=/; max-age=${60 * 60 * 24 * 395}; SameSite=Lax`;
}
