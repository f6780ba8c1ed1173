import { withQuery } from './demo-query.js';
import { html, SafeHtml } from './html.js';
import type { PageContext } from './page-context.js';
import { jsonScriptText, offers, SITE_CONFIGS } from './site-configs.js';
import { UPDATED_POLICY_VERSION } from './site-definitions.js';

const JURISDICTION_CHOICES = [
  { value: 'gdpr', label: 'EU (GDPR)' },
  { value: 'ccpa', label: 'California (CCPA)' },
  { value: 'lgpd', label: 'Brazil (LGPD)' },
  { value: 'pipeda', label: 'Canada (PIPEDA)' },
  { value: 'none', label: 'No banner' },
] as const;

/** The inline marketing pixel, only on a site whose configuration offers marketing (not the Status Portal). */
function marketingTag(nonce: string): SafeHtml {
  return html`<script type="text/plain" data-consent="marketing" data-cookies="demo_marketing_id" nonce="${nonce}">
      // Inline marketing tag (a typical ad-pixel snippet). Runs only once "marketing" is granted; it sets
      // the cookie it declares in data-cookies, which the SDK deletes when marketing is revoked.
      document.cookie = 'demo_marketing_id=m1; path=/; max-age=31536000; SameSite=Lax';
      window.demoTags = window.demoTags || {};
      window.demoTags.marketing = true;
      (window.demoTagLog = window.demoTagLog || []).push({ tag: 'marketing', label: 'Marketing pixel (inline)', at: performance.now() });
      document.dispatchEvent(new CustomEvent('demo:tag'));
    </script>`;
}

/**
 * The consent script tag exactly as a customer embeds it, followed by the site's gated tags.
 * `data-policy-url` is relative on purpose: that is how sites write it (see DESIGN.md §3).
 */
function consentTags(ctx: PageContext): SafeHtml {
  const { site, query, apiUrl, nonce } = ctx;
  // The site configuration, inline before the tag (no extra request); its text is JSON, never markup.
  const config = new SafeHtml(jsonScriptText(SITE_CONFIGS[site.id]));
  return html`<script type="application/json" data-coreconsent-config>${config}</script>
    <script src="/consent/coreconsent.js" async nonce="${nonce}" data-site="${site.id}"${
      apiUrl ? html` data-api="${apiUrl}"` : ''
    } data-policy-version="${query.policyVersion}" data-policy-url="/privacy" data-jurisdiction="${
      query.jurisdiction
    }"${query.lang ? html` data-lang="${query.lang}"` : ''} data-nonce="${nonce}"></script>
    <script type="text/plain" data-consent="analytics" data-src="/assets/tags/analytics.js" data-cookies="demo_analytics_id"></script>
    <script type="text/plain" data-consent="functional" data-src="/assets/tags/support-chat.js"></script>
    ${offers(site.id, 'marketing') ? marketingTag(nonce) : ''}`;
}

function demoBar(ctx: PageContext, path: string): SafeHtml {
  const { query, otherSite } = ctx;
  const links = JURISDICTION_CHOICES.map(
    ({ value, label }) =>
      html`<li><a href="${withQuery(path, query.carried, { jurisdiction: value })}"${
        value === query.jurisdiction ? html` aria-current="page"` : ''
      }>${label}</a></li>`,
  );
  const bumped = query.policyVersion === UPDATED_POLICY_VERSION;
  return html`<aside class="demo-bar" aria-label="Demo controls">
    <div class="demo-bar__group">
      <span id="demo-jurisdiction-label">Pretend you are in:</span>
      <ul class="demo-toggle" aria-labelledby="demo-jurisdiction-label">${links}</ul>
    </div>
    <div class="demo-bar__group">
      <span>Policy version <strong data-testid="policy-version">${query.policyVersion}</strong></span>
      <a href="${withQuery(path, query.carried, { policy: bumped ? null : UPDATED_POLICY_VERSION })}">${
        bumped ? 'Back to the current policy' : 'Simulate a policy update'
      }</a>
      ${otherSite ? html`<a href="${otherSite.url}">Open ${otherSite.name}</a>` : ''}
    </div>
  </aside>`;
}

/** The "tags that ran" panel and the live consent state, filled by /assets/demo-site.js. */
export function tagsPanel(): SafeHtml {
  return html`<section class="card tags-panel" aria-labelledby="tags-title">
    <h2 id="tags-title">Tags that ran</h2>
    <p class="muted">Consent-gated tags on this page report here when the consent manager releases them.</p>
    <ul id="tags-ran" aria-live="polite"><li class="muted" data-empty>No consent-gated tag has run on this page.</li></ul>
    <h3>Current consent</h3>
    <dl id="consent-state" class="consent-state"><dt>Status</dt><dd>Waiting for the consent manager…</dd></dl>
  </section>`;
}

export interface LayoutOptions {
  readonly title: string;
  readonly path: string;
  readonly main: SafeHtml;
}

export function renderLayout(ctx: PageContext, { title, path, main }: LayoutOptions): string {
  const { site, query } = ctx;
  const nav = [
    { href: '/', label: site.id === 'servicedesk' ? 'Tickets' : 'System status' },
    { href: '/privacy', label: 'Privacy' },
  ];
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · ${site.name}</title>
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/assets/site.css">
  <script src="/assets/demo-site.js" defer></script>
  ${consentTags(ctx)}
</head>
<body class="site-${site.id}">
  <a class="skip-link" href="#main">Skip to content</a>
  <header class="site-header">
    <a class="brand" href="${withQuery('/', query.carried)}"><span class="brand__mark" aria-hidden="true">◆</span> ${site.name}</a>
    <nav aria-label="Main">
      <ul class="nav-list">${nav.map(
        (item) =>
          html`<li><a href="${withQuery(item.href, query.carried)}"${
            item.href === path ? html` aria-current="page"` : ''
          }>${item.label}</a></li>`,
      )}</ul>
    </nav>
  </header>
  ${demoBar(ctx, path)}
  <main id="main">
    ${main}
  </main>
  <footer class="site-footer">
    <ul>
      <li><a href="${withQuery('/privacy', query.carried)}">Privacy policy</a></li>
      <li><button type="button" class="link-button" data-coreconsent="open-preferences">Cookie preferences</button></li>
      <li><button type="button" class="link-button" data-coreconsent="do-not-sell">Do Not Sell or Share My Personal Information</button></li>
    </ul>
    <p class="muted">© 2026 CoreITsm. Demo site: no real data is collected.</p>
  </footer>
</body>
</html>
`.value;
}
