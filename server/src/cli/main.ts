import { ConfigError } from '../config.js';
import { parseCli } from './parse-cli.js';
import { runCommand } from './run-command.js';

/** A wrong flag or an unreachable database is one line on stderr and exit code 2 or 1, never a stack trace. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
  return text.split('\n')[0] ?? text;
}

let options: ReturnType<typeof parseCli>;
try {
  options = parseCli(process.argv.slice(2));
} catch (error) {
  // parseArgs adds a long hint after its first sentence; the first sentence names the bad flag.
  console.error(`coreconsent-server: ${oneLine(error).split('. ')[0]} (see --help)`);
  process.exit(2);
}
try {
  process.exitCode = await runCommand(options);
} catch (error) {
  console.error(`coreconsent-server: ${oneLine(error)}`);
  // A setting it must not run with is a usage error (2), like a wrong flag; anything else is 1.
  process.exitCode = error instanceof ConfigError ? 2 : 1;
}
