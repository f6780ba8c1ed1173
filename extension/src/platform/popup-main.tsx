import { render } from 'preact';
import { exportRecords } from '../background/export-records.js';
import { downloadText } from '../popup/download.js';
import { pickLocale, translator } from '../popup/i18n.js';
import { PopupApp } from '../popup/popup-app.js';
import { openIdbStore } from '../store/idb-store.js';
import { browser } from './browser.js';
import { sendToBackground } from './popup-client.js';

const locale = pickLocale(navigator.languages);
let store: ReturnType<typeof openIdbStore> | undefined;
/** One connection to the extension's database for the popup's lifetime, opened on first export. */
function popupStore() {
  store ??= openIdbStore();
  return store;
}
document.documentElement.lang = locale;
const root = document.getElementById('app');
if (root) {
  render(
    <PopupApp
      env={{ api: sendToBackground, t: translator(locale), locale }}
      download={(filename, mimeType, body) => downloadText(document, filename, mimeType, body)}
      openOptions={() => void browser.runtime.openOptionsPage()}
      // The popup shares the extension's origin, so it reads the background's database directly:
      // a big export would not fit in one runtime message.
      exportFile={async (format) => exportRecords(await popupStore(), format, new Date())}
    />,
    root,
  );
}
