import { render } from 'preact';
import { downloadText } from '../popup/download.js';
import { fetchExport } from '../popup/fetch-export.js';
import { pickLocale, translator } from '../popup/i18n.js';
import { PopupApp } from '../popup/popup-app.js';
import { browser } from './browser.js';
import { listenForExportFiles } from './export-deliveries.js';
import { sendToBackground } from './popup-client.js';

const locale = pickLocale(navigator.languages);
document.documentElement.lang = locale;
// Chrome's service worker posts export files here (Firefox answers them): listen from the start.
const exportFiles = listenForExportFiles(navigator.serviceWorker);
const root = document.getElementById('app');
if (root) {
  render(
    <PopupApp
      env={{ api: sendToBackground, t: translator(locale), locale }}
      download={(filename, mimeType, body) => downloadText(document, filename, mimeType, body)}
      openOptions={() => void browser.runtime.openOptionsPage()}
      // Through the background like every other action (finding 13), as one Blob handed over by
      // reference (or in pieces from an older background): a big export fits no runtime message.
      exportFile={(format) => fetchExport(sendToBackground, format, exportFiles)}
    />,
    root,
  );
}
