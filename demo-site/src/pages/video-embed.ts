import { html } from '../html.js';

/**
 * The page inside the gated iframe: a stand-in for a video host's player. Its script reports to
 * the parent page's "tags that ran" panel, so a test can see that the embed was released.
 */
export function renderVideoEmbed(title: string): string {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <link rel="stylesheet" href="/assets/embed.css">
  <script src="/assets/embed.js" defer></script>
</head>
<body>
  <main class="player" aria-label="Video player">
    <button type="button" class="player__play" aria-label="Play: ${title}">▶</button>
    <p class="player__title">${title}</p>
    <p class="player__note">Demo player. A real video host would set marketing cookies here.</p>
  </main>
</body>
</html>
`.value;
}
