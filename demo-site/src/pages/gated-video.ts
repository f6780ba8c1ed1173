import { html, type SafeHtml } from '../html.js';

/**
 * A third-party style video embed, gated on `purpose`: marketing where the site offers it (video
 * hosts set tracking cookies), functional on the Status Portal, which offers no marketing (its
 * walkthrough plays from a privacy-enhanced player, as a site without ads would choose). The
 * `data-src` points at the demo's own /embed/video page: the demo never loads anything from the
 * internet. Until consent, the iframe has no `src`, so nothing is requested.
 */
export function gatedVideo(title: string, purpose: 'marketing' | 'functional' = 'marketing'): SafeHtml {
  const src = `/embed/video?title=${encodeURIComponent(title)}`;
  return html`<section class="card" aria-labelledby="video-title">
    <h2 id="video-title">Video</h2>
    <iframe class="video" data-consent="${purpose}" data-src="${src}" title="${title}" width="560" height="315"></iframe>
  </section>`;
}
