import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The one server logger. JSON lines in production (and under CI), readable lines in dev.
 *
 * What it never writes: query parameters, request bodies, names, e-mails or phones. The only way
 * an error reaches it is through `errorFields`, which keeps the error's class, PostgreSQL's
 * SQLSTATE code, the constraint and table names and the first stack frame's location — never
 * `message`, because a failed Drizzle or postgres.js query carries its parameters there
 * ("Failed query: insert … params: Ana,ana@…,614…"). Callers pass `{ err }` and this formats it.
 *
 * Usage: `log.error({ area: 'eventos', err: error }, 'no se pudo guardar el registro')`.
 * Messages and `area` are fixed strings written in code, never values typed by a person.
 */

export interface ErrorFields {
  /** Error class: `Error`, `PostgresError`, `DrizzleQueryError`, `TypeError`… */
  type: string;
  /** SQLSTATE, e.g. 23505 (unique), 40P01 (deadlock), 08006 (connection), when the driver gives one. */
  code?: string;
  constraint?: string;
  table?: string;
  /** Where it was thrown (file:line of the first frame), to find it without a message. */
  at?: string;
  /** The same, for the error's cause (Drizzle wraps the driver's error). */
  cause?: ErrorFields;
}

type Driverish = {
  name?: unknown;
  code?: unknown;
  constraint_name?: unknown;
  constraint?: unknown;
  table_name?: unknown;
  table?: unknown;
  stack?: unknown;
  cause?: unknown;
};

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The loggable shape of an error: its class and codes, never its message. */
export function errorFields(error: unknown, depth = 0): ErrorFields {
  if (!error || typeof error !== 'object') return { type: typeof error };
  const e = error as Driverish;
  // The class name says more than `name` (Drizzle's DrizzleQueryError keeps name 'Error').
  const ctor = error.constructor?.name;
  const named = typeof e.name === 'string' && e.name ? e.name : undefined;
  const out: ErrorFields = {
    type: ctor && ctor !== 'Object' && ctor !== 'Error' ? ctor : (named ?? 'Error'),
  };
  if (typeof e.code === 'string' && (SQLSTATE.test(e.code) || /^E[A-Z]+$/.test(e.code))) out.code = e.code;
  const constraint = e.constraint_name ?? e.constraint;
  if (typeof constraint === 'string') out.constraint = constraint;
  const table = e.table_name ?? e.table;
  if (typeof table === 'string') out.table = table;
  if (typeof e.stack === 'string') {
    // The first frame only ("    at fn (file:line:col)"); the first line holds the message.
    const frame = e.stack.split('\n').find((line) => line.trimStart().startsWith('at '));
    const where = frame?.match(/\(?([^()\s]+:\d+:\d+)\)?\s*$/)?.[1];
    if (where) out.at = where.replace(/^.*\/(src|db|node_modules)\//, '$1/');
  }
  if (e.cause && depth < 3) out.cause = errorFields(e.cause, depth + 1);
  return out;
}

/** The SQLSTATE of an error or of its cause chain (Drizzle wraps the driver's error). */
export function sqlState(error: unknown): string | undefined {
  for (let e = error as Driverish | undefined, i = 0; e && typeof e === 'object' && i < 4; i++) {
    if (typeof e.code === 'string' && SQLSTATE.test(e.code)) return e.code;
    e = e.cause as Driverish | undefined;
  }
  return undefined;
}

function pretty(): boolean {
  const env = process.env;
  if (env.NODE_ENV === 'production' || env.CI || env.VITEST || env.LOG_FORMAT === 'json') return false;
  try {
    // A dev dependency: absent where only production packages were installed.
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** Builds a logger; tests pass a destination to read what was written. */
export function createLogger(destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'warn' : 'info'),
    base: null,
    messageKey: 'msg',
    serializers: { err: errorFields, error: errorFields },
    // Belt and braces: these keys never carry values, whoever passes them.
    redact: {
      paths: [
        'email',
        'phone',
        'name',
        'password',
        'token',
        'body',
        'params',
        'values',
        '*.email',
        '*.phone',
        '*.name',
        '*.password',
        '*.token',
        '*.body',
        '*.params',
        '*.values',
      ],
      censor: '[oculto]',
    },
  };
  if (destination) return pino(options, destination);
  if (pretty()) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { colorize: !process.env.NO_COLOR, ignore: 'pid,hostname' },
      },
    });
  }
  return pino(options);
}

/** The process's logger. */
export const log: Logger = createLogger();
