import { useState } from 'preact/hooks';

/** Only an image the background kept as a data URL is shown: the popup never loads one from a site. */
const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp|x-icon|svg\+xml);base64,/;

/** A stable hue per name, so a monogram looks the same each time. */
function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  return h;
}

/** The first letter of a name (a whole character, not half a surrogate pair), upper-cased. */
export function monogramOf(name: string): string {
  const first = Array.from(name.trim())[0] ?? '?';
  return first.toLocaleUpperCase();
}

/**
 * A site's icon beside its name: the image the background kept for it, or a monogram of the name
 * (or id) when there is none or it does not decode. Decorative — the name is right next to it —
 * so screen readers skip it.
 */
export function SiteIcon({ name, icon }: { name: string; icon?: string | undefined }) {
  const [broken, setBroken] = useState(false);
  if (icon && DATA_IMAGE.test(icon) && !broken)
    return (
      <img
        class="site-icon"
        src={icon}
        alt=""
        width={20}
        height={20}
        data-site-icon="image"
        onError={() => setBroken(true)}
      />
    );
  return (
    <span
      class="site-icon monogram"
      aria-hidden="true"
      data-site-icon="monogram"
      style={{ backgroundColor: `hsl(${hue(name)} 45% 35%)` }}
    >
      {monogramOf(name)}
    </span>
  );
}
