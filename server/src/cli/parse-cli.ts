import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat } from '@coreitsm/protocol';

export const COMMANDS = [
  'start',
  'migrate',
  'verify-audit',
  'purge',
  'export',
  'rotate-receipt-key',
] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliOptions {
  command: Command | 'help';
  db: string;
  port: number;
  host: string;
  dryRun: boolean;
  /** export: whose history, in which format, to which file (undefined: standard output). */
  subject?: string;
  format: ExportFormat;
  out?: string;
  /** verify-audit: a root hash kept elsewhere, or a file holding the root line it printed (pinned-root.ts). */
  expectRoot?: string;
}

export const DEFAULT_DB = './data/consent.db';

/** Parses argv strictly: an unknown flag or command throws an Error whose message is the one line to print. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'dry-run': { type: 'boolean' },
      subject: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'expect-root': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...extra] = positionals;
  const base = {
    db: values.db ?? env.DATABASE_URL ?? DEFAULT_DB,
    host: values.host ?? '127.0.0.1',
    dryRun: values['dry-run'] ?? false,
    format: 'json' as ExportFormat,
  };
  if (values.help || command === undefined || command === 'help')
    return { command: 'help', port: 8787, ...base };
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new Error(`unknown command "${command}" (expected one of ${COMMANDS.join(', ')})`);
  }
  if (extra.length > 0) throw new Error(`unexpected argument "${extra[0]}"`);
  const portText = values.port ?? '8787';
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535)
    throw new Error(`--port must be 0–65535, got "${portText}"`);
  if (values['dry-run'] && command !== 'purge') throw new Error('--dry-run only applies to purge');
  const expectRoot = values['expect-root'];
  if (expectRoot !== undefined && command !== 'verify-audit')
    throw new Error('--expect-root only applies to verify-audit');
  if (expectRoot === '')
    throw new Error('--expect-root needs a root hash or a file holding a printed root line');
  if (command !== 'export') {
    const stray = (['subject', 'format', 'out'] as const).find((flag) => values[flag] !== undefined);
    if (stray) throw new Error(`--${stray} only applies to export`);
    return {
      command: command as Command,
      port,
      ...base,
      ...(expectRoot === undefined ? {} : { expectRoot }),
    };
  }
  if (!values.subject) throw new Error('export needs --subject SUBJECT_ID');
  const format = values.format ?? 'json';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new Error(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${format}"`);
  return {
    command: 'export',
    port,
    ...base,
    subject: values.subject,
    format: format as ExportFormat,
    ...(values.out === undefined ? {} : { out: values.out }),
  };
}
