import type { createSender, PopupToBackgroundMessages } from '@coreitsm/protocol';
import type { Locale, Translate } from './i18n.js';

/** The typed sender to the background; components take it as a prop, so tests pass a fake. */
export type PopupApi = ReturnType<typeof createSender<typeof PopupToBackgroundMessages>>;

/** What every popup component needs from its surroundings. */
export interface PopupEnv {
  api: PopupApi;
  t: Translate;
  locale: Locale;
}

/** The error text of anything thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
