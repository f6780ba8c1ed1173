/**
 * The attribute the companion extension's content script puts on the page's `<html>` element at
 * `document_start`, before any page script runs. The SDK's script tag loads the code that
 * announces the site's state to the extension (`coreconsent-announce.js`) only when it is there,
 * so a visitor without the extension never downloads it. A page that sets it itself only makes its
 * own SDK announce to nobody; one that removes it only delays the announce until the extension's
 * `hello` starts the SDK's runtime, which always answers.
 */
export const EXTENSION_MARK = 'data-coreconsent-extension';
