// Which lines of a build's output are the tools' progress reports, safe to drop when the step succeeds.
// Deliberately narrow: a line it does not recognize is shown, so an unknown warning can never be hidden.

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI = /\u001b\[[0-9;]*m/g;

const PROGRESS = [
  /^$/, // blank separators
  /^\S.* → \S.*\.\.\.$/, // rollup: "dist/esm/loader.js → dist/coreconsent.js..."
  /^created \S.* in (\d+h )?(\d+m )?\d+(\.\d+)?m?s$/, // rollup: "created dist/coreconsent.js in 5.6s"
];

/** @param {string} line */
export function isProgressLine(line) {
  const plain = line.replace(ANSI, '').trimEnd();
  return PROGRESS.some((pattern) => pattern.test(plain));
}
