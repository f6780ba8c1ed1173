import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, parseCli } from './parse-cli.js';

describe('parseCli', () => {
  it('reads start with its flags', () => {
    expect(parseCli(['start', '--port', '0', '--host', '0.0.0.0', '--db', 'x.db'], {})).toEqual({
      command: 'start',
      port: 0,
      host: '0.0.0.0',
      db: 'x.db',
      dryRun: false,
    });
  });

  it('defaults the database to ./data/consent.db, or DATABASE_URL', () => {
    expect(parseCli(['migrate'], {}).db).toBe(DEFAULT_DB);
    expect(parseCli(['migrate'], { DATABASE_URL: 'postgres://h/db' }).db).toBe('postgres://h/db');
    expect(parseCli(['migrate', '--db', 'a.db'], { DATABASE_URL: 'postgres://h/db' }).db).toBe('a.db');
  });

  it('reads purge --dry-run', () => {
    expect(parseCli(['purge', '--dry-run'], {})).toMatchObject({ command: 'purge', dryRun: true });
  });

  it.each([[[]], [['--help']], [['-h']], [['start', '--help']]])('%j asks for help', (argv) => {
    expect(parseCli(argv, {}).command).toBe('help');
  });

  it.each([
    [['serve'], 'unknown command "serve"'],
    [['start', '--bogus'], "Unknown option '--bogus'"],
    [['start', '--port', 'abc'], '--port must be 0–65535'],
    [['start', '--port', '70000'], '--port must be 0–65535'],
    [['migrate', '--dry-run'], '--dry-run only applies to purge'],
    [['start', 'extra'], 'unexpected argument "extra"'],
  ])('%j is an error: %s', (argv, message) => {
    expect(() => parseCli(argv, {})).toThrow(message);
  });
});
