import { render } from 'preact';
import type { BannerAction } from './banner-dom.js';
import { deepActiveElement } from './focus-trap.js';
import type { PreferencesDialog } from './preferences-dialog.js';
import type { MountUi, UiContext, UiView } from './ui-contract.js';

type Preferences = typeof PreferencesDialog;
let preferences: Promise<{ PreferencesDialog: Preferences; PREFERENCES_CSS: string }> | undefined;
/**
 * The preference center (with Preact's hooks, the history and the rights form) is fetched when it
 * is first opened: a first visit needs only the banner. A failed fetch is retried next time.
 */
function loadPreferences() {
  preferences ??= import('./preferences-dialog.js').catch((error: unknown) => {
    preferences = undefined;
    throw error;
  });
  return preferences;
}

/**
 * The UI chunk's entry: the preference center (Preact), in the shadow root of the one
 * `<coreconsent-ui>` (fixed over the page: no layout shift) that the plain-DOM banner
 * (`ctx.banner`, coreconsent-banner.js) also uses. It drives both views through the returned handle.
 */
export const mount: MountUi = (ctx: UiContext) => {
  const banner = ctx.banner;
  const root = banner.uiRoot(ctx.nonce);
  const container = document.createElement('div');
  root.append(container);

  let view: UiView | null = null;
  let Preferences: Preferences | undefined;
  let version = 0;
  let returnFocus: HTMLElement | null = null;

  const done = () => {
    view = null;
    paint();
  };
  const onBanner = async (action: BannerAction): Promise<void> => {
    const choices = ctx.state().choices;
    if (action === 'customize') return handle.show('preferences');
    if (action === 'accept-all') await ctx.acceptAll();
    else if (action === 'reject-all') await ctx.rejectAll();
    else
      await ctx.save({
        ...choices,
        [action === 'do-not-sell' ? 'sale_sharing' : 'sensitive_limit']: 'denied',
      });
    done();
  };
  const paint = () => {
    const closePreferences = () => {
      // Back to the banner if a decision is still due, else gone; focus returns where it was.
      view = ctx.state().promptReason !== null ? 'banner' : null;
      paint();
      const target = returnFocus;
      returnFocus = null;
      if (view !== 'banner' && target?.isConnected) target.focus();
    };
    if (view === 'banner') {
      render(null, container);
      banner.showBanner(
        {
          strings: ctx.strings,
          jurisdiction: ctx.jurisdiction,
          policyUrl: ctx.policyUrl,
          nonce: ctx.nonce,
          state: ctx.state(),
          changes: ctx.policyChanges(),
        },
        onBanner,
      );
      return;
    }
    banner.hideBanner();
    render(
      view === 'preferences' && Preferences ? (
        <Preferences key="pc" ctx={ctx} version={version} onClose={closePreferences} />
      ) : null,
      container,
    );
  };

  const handle = {
    async show(next: UiView) {
      if (next === 'preferences' && !Preferences) {
        const chunk = await loadPreferences();
        if (!Preferences) banner.adoptStyles(root, chunk.PREFERENCES_CSS, ctx.nonce);
        Preferences = chunk.PreferencesDialog;
      }
      if (next === 'preferences' && view !== 'preferences') {
        const active = deepActiveElement(document);
        returnFocus = active instanceof HTMLElement && !root.contains(active) ? active : null;
      }
      view = next;
      paint();
    },
    update() {
      version++;
      if (view === 'banner' && ctx.state().promptReason === null) view = null;
      paint();
    },
    hide() {
      view = null;
      paint();
    },
  };
  return handle;
};
