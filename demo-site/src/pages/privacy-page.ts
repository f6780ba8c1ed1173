import { html } from '../html.js';
import type { PageContext } from '../page-context.js';
import { renderLayout } from '../page-layout.js';
import { loadPolicyHtml } from '../privacy-policy.js';

export function renderPrivacyPage(ctx: PageContext): string {
  const main = html`<article class="card policy">
    <p class="muted">Policy version <strong>${ctx.query.policyVersion}</strong> · applies to ${ctx.site.name}</p>
    ${loadPolicyHtml()}
  </article>`;
  return renderLayout(ctx, { title: 'Privacy Policy', path: '/privacy', main });
}
