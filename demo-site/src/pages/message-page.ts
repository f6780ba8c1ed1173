import { html } from '../html.js';

/** A plain page for errors (404, 400 with the reason). It carries no consent tag: nothing to gate. */
export function renderMessagePage(title: string, message: string): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="/assets/site.css"></head>
<body>
  <main id="main" class="card message">
    <h1>${title}</h1>
    <p>${message}</p>
    <p><a href="/">Back to the home page</a></p>
  </main>
</body>
</html>
`.value;
}
