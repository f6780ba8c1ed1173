/** Where the page keeps its site configuration (contract: "Site configuration (SDK)"). */
export type SiteConfigSource = { inline: string } | { url: string } | { error: string };

/**
 * The page's site configuration source: the inline `<script type="application/json"
 * data-coreconsent-config>` (no extra request), or the script tag's `data-config` URL; null when
 * the page has none. Two sources, or an inline element of another type (a script the browser would
 * run), are an error: the SDK cannot tell which one the site meant.
 */
export function siteConfigSource(doc: Document, url: string | null): SiteConfigSource | null {
  const inline = doc.querySelectorAll('script[data-coreconsent-config]');
  if (inline.length + (url ? 1 : 0) > 1)
    return { error: 'the page has more than one configuration (inline and data-config): keep one' };
  if (url) return { url };
  const element = inline[0];
  if (!element) return null;
  if (element.getAttribute('type') !== 'application/json')
    return {
      error: 'the inline configuration must be <script type="application/json" data-coreconsent-config>',
    };
  return { inline: element.textContent ?? '' };
}
