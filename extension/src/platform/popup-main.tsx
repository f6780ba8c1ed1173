import { render } from 'preact';
import { downloadText } from '../popup/download.js';
import { fetchExport } from '../popup/fetch-export.js';
import { pickLocale, translator } from '../popup/i18n.js';
import { PopupApp } from '../popup/popup-app.js';
import { browser } from './browser.js';
import { sendToBackground } from './popup-client.js';

const locale = pickLocale(navigator.languages);
document.documentElement.lang = locale;
const root = document.getElementById('app');
if (root) {
  render(
    <PopupApp
      env={{ api: sendToBackground, t: translator(locale), locale }}
      download={(filename, mimeType, body) => downloadText(document, filename, mimeType, body)}
      openOptions={() => void browser.runtime.openOptionsPage()}
      // Through the background like every other action (finding 13), in slices: a big export
      // would not fit in one runtime message.
      exportFile={(format) => fetchExport(sendToBackground, format)}
    />,
    root,
  );
}
