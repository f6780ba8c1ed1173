import { html, type SafeHtml } from '../html.js';

/**
 * A third-party style video embed, gated on marketing (video hosts set tracking cookies). The
 * `data-src` points at the demo's own /embed/video page: the demo never loads anything from the
 * internet. Until consent, the iframe has no `src`, so nothing is requested.
 */
export function gatedVideo(title: string): SafeHtml {
  const src = `/embed/video?title=${encodeURIComponent(title)}`;
  return html`<section class="card" aria-labelledby="video-title">
    <h2 id="video-title">Video</h2>
    <iframe class="video" data-consent="marketing" data-src="${src}" title="${title}" width="560" height="315"></iframe>
  </section>`;
}
