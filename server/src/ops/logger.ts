/**
 * Structured logs: one JSON object per line on stdout. Callers pass fields explicitly; nothing logs
 * headers or bodies, so tokens never reach a log.
 */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const log = (level: string, msg: string, fields?: Record<string, unknown>) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  return {
    info: (msg, fields) => log('info', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
  };
}

export const silentLogger: Logger = { info() {}, error() {} };
