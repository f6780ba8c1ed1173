/**
 * Minimal, strict XML 1.0 writing. Text is escaped (`&`, `<`, `>`, and `\r`, which parsers would
 * otherwise normalize away); attribute values escape quotes and white space the same way.
 * Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become
 * U+FFFD, so the output is always well-formed. Consent records never contain them (their schema forbids).
 */
export const XML_FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(value: string): string {
  return value
    .replace(XML_FORBIDDEN, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\r', '&#13;');
}

export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replaceAll('"', '&quot;').replaceAll('\n', '&#10;').replaceAll('\t', '&#9;');
}

/** `<name attr="…">text</name>`, or `<name attr="…"/>` when there is no text. */
export function xmlElement(
  name: string,
  text: string | null,
  attributes: Record<string, string> = {},
): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(value)}"`)
    .join('');
  return text === null ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeXmlText(text)}</${name}>`;
}
