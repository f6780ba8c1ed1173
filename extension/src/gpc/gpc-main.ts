/**
 * Global Privacy Control in the page's MAIN world, registered at `document_start` only while the
 * GPC switch is on, so `navigator.globalPrivacyControl` is already `true` for scripts in `<head>`.
 * No imports: this file is injected into every managed page and must stay a few bytes.
 * Spec: https://privacycg.github.io/gpc-spec/#javascript-property-to-detect-preference
 */
try {
  Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
    get: () => true,
    configurable: true,
    enumerable: true,
  });
} catch {
  // A page that froze Navigator.prototype first keeps its own value; the Sec-GPC header still goes out.
}
