import type { UiContext } from './ui-contract.js';

interface BannerProps {
  ctx: UiContext;
  onCustomize: () => void;
  onDone: () => void;
}

/**
 * The first-layer notice. Accept all and Reject all share one style (equal prominence); in US
 * jurisdictions the two statutory opt-outs sit beside them, unless GPC already opted out of sale.
 */
export function Banner({ ctx, onCustomize, onDone }: BannerProps) {
  const s = ctx.strings;
  const state = ctx.state();
  const us = ctx.jurisdiction === 'ccpa';
  const act = (work: () => Promise<unknown>) => () => void work().then(onDone);
  const optOut = (purpose: 'sale_sharing' | 'sensitive_limit') =>
    act(() => ctx.save({ ...state.choices, [purpose]: 'denied' }));
  return (
    <section class="banner" aria-labelledby="cc-banner-title" tabIndex={-1} data-coreconsent-banner="">
      <h2 id="cc-banner-title">{s.bannerTitle}</h2>
      <p>
        {s.bannerText}{' '}
        {ctx.policyUrl && (
          <a href={ctx.policyUrl} target="_blank" rel="noopener">
            {s.policy}
          </a>
        )}
      </p>
      {state.gpcHonored && (
        <p class="note" data-gpc-status="">
          {s.gpcHonored}
        </p>
      )}
      <div class="row">
        <button type="button" class="primary" data-action="accept-all" onClick={act(ctx.acceptAll)}>
          {s.acceptAll}
        </button>
        <button type="button" class="primary" data-action="reject-all" onClick={act(ctx.rejectAll)}>
          {s.rejectAll}
        </button>
        <button type="button" class="secondary" data-action="customize" onClick={onCustomize}>
          {s.customize}
        </button>
      </div>
      {us && (
        <div class="row">
          {!state.gpcHonored && (
            <button type="button" class="link" data-action="do-not-sell" onClick={optOut('sale_sharing')}>
              {s.doNotSell}
            </button>
          )}
          <button
            type="button"
            class="link"
            data-action="limit-sensitive"
            onClick={optOut('sensitive_limit')}
          >
            {s.limitSensitive}
          </button>
        </div>
      )}
    </section>
  );
}
