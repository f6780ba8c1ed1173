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
      format: 'json',
    });
  });

  it('reads export with its subject, format and file', () => {
    expect(parseCli(['export', '--subject', 'sub_1'], {})).toMatchObject({
      command: 'export',
      subject: 'sub_1',
      format: 'json',
    });
    expect(parseCli(['export', '--subject', 'sub_1', '--format', 'xml', '--out', 'a.xml'], {})).toMatchObject(
      {
        format: 'xml',
        out: 'a.xml',
      },
    );
  });

  it('defaults the database to ./data/consent.db, or DATABASE_URL', () => {
    expect(parseCli(['migrate'], {}).db).toBe(DEFAULT_DB);
    expect(parseCli(['migrate'], { DATABASE_URL: 'postgres://h/db' }).db).toBe('postgres://h/db');
    expect(parseCli(['migrate', '--db', 'a.db'], { DATABASE_URL: 'postgres://h/db' }).db).toBe('a.db');
  });

  it('reads verify-audit --expect-root, and refuses it elsewhere or empty', () => {
    expect(parseCli(['verify-audit', '--expect-root', 'root.txt'], {})).toMatchObject({
      command: 'verify-audit',
      expectRoot: 'root.txt',
    });
    expect(parseCli(['verify-audit'], {})).not.toHaveProperty('expectRoot');
    expect(() => parseCli(['purge', '--expect-root', 'x'], {})).toThrow(
      '--expect-root only applies to verify-audit',
    );
    expect(() => parseCli(['verify-audit', '--expect-root', ''], {})).toThrow('--expect-root needs');
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
    [['export'], 'export needs --subject SUBJECT_ID'],
    [['export', '--subject', 's', '--format', 'pdf'], '--format must be one of json, csv, xml, got "pdf"'],
    [['purge', '--out', 'x'], '--out only applies to export'],
    [['start', '--subject', 'x'], '--subject only applies to export'],
  ])('%j is an error: %s', (argv, message) => {
    expect(() => parseCli(argv, {})).toThrow(message);
  });
});
