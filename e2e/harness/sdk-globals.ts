/** The parts of the SDK's public surface (CONTRACTS.md "SDK") the tests call inside pages. */
export interface CoreConsentApi {
  get(): unknown;
  set(choices: Record<string, 'granted' | 'denied'>): unknown;
  acceptAll(): unknown;
  rejectAll(): unknown;
  open(): unknown;
  on(event: string, fn: (state: unknown) => void): unknown;
  history(): unknown;
  export(format: string): unknown;
  requestRight(kind: string, details?: unknown): unknown;
}

declare global {
  interface Navigator {
    /** Global Privacy Control (not native in this Chromium; tests set it with `enableGpc`). */
    globalPrivacyControl?: boolean;
  }
  interface Window {
    CoreConsent?: CoreConsentApi;
    demoTags?: Record<string, boolean>;
    demoTagLog?: { tag: string; label: string; at: number }[];
    __e2e?: { events: { type: string; detail: unknown; at: number }[]; csp: string[] };
  }
}
