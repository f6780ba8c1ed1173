import { readFileSync } from 'node:fs';
import { html, type SafeHtml } from './html.js';

/** The policy text shipped with the demo (a copy of shared/seed/privacy-policy.txt, so the repo stands alone). */
const POLICY_FILE = new URL('../content/privacy-policy.txt', import.meta.url);

const BULLET = /^\s*•\s*/;

/** A short line with no sentence punctuation, alone in its block, is a heading in this text. */
function isHeading(lines: readonly string[]): boolean {
  const [line] = lines;
  return lines.length === 1 && line !== undefined && line.length < 80 && !/[.:;,]$/.test(line);
}

/**
 * Turns the plain-text policy into HTML: blank-line separated blocks; bullet lines become lists;
 * lone short lines become headings. The first line ("Back to Home") is the source site's nav, dropped.
 */
export function policyToHtml(text: string): SafeHtml {
  const blocks = text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0 && !(lines.length === 1 && lines[0] === 'Back to Home'));
  const parts: SafeHtml[] = [];
  let sawTitle = false;
  for (const lines of blocks) {
    if (lines.every((line) => BULLET.test(line))) {
      parts.push(html`<ul>${lines.map((line) => html`<li>${line.replace(BULLET, '')}</li>`)}</ul>`);
    } else if (isHeading(lines)) {
      parts.push(sawTitle ? html`<h2>${lines[0]}</h2>` : html`<h1>${lines[0]}</h1>`);
      sawTitle = true;
    } else {
      parts.push(html`${lines.map((line) => html`<p>${line}</p>`)}`);
    }
  }
  return html`${parts}`;
}

let cached: SafeHtml | undefined;

/** The rendered policy, read once. */
export function loadPolicyHtml(): SafeHtml {
  cached ??= policyToHtml(readFileSync(POLICY_FILE, 'utf8'));
  return cached;
}
