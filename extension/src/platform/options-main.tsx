import { render } from 'preact';
import { OptionsApp } from '../options/options-app.js';
import { pickLocale, translator } from '../popup/i18n.js';
import { removeHostPermission, requestHostPermission, sendToBackground } from './popup-client.js';

const locale = pickLocale(navigator.languages);
document.documentElement.lang = locale;
const root = document.getElementById('app');
if (root) {
  render(
    <OptionsApp
      env={{ api: sendToBackground, t: translator(locale), locale }}
      requestAccess={requestHostPermission}
      releaseAccess={removeHostPermission}
    />,
    root,
  );
}
