/** `navigator.globalPrivacyControl`: `true`, or the legacy string "1" some extensions set. */
export function readGpc(nav: Navigator): boolean {
  const value = (nav as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl;
  return value === true || value === '1';
}
