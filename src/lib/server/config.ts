/**
 * Configuration read from the environment once. Everything here is documented in README.md.
 * Secrets (RESEND_API_KEY) are never logged.
 */
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  resendApiKey: string | undefined;
  resendBaseUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  timeZone: string;
  trustProxy: boolean;
  seedDemo: boolean;
  mailWorker: boolean;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on', 'si', 'sí'].includes(value.toLowerCase());
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    databaseUrl,
    dataDir: env.DATA_DIR || './data',
    resendApiKey: env.RESEND_API_KEY || undefined,
    resendBaseUrl: env.RESEND_BASE_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Línea Ciudadana <no-responder@lineaciudadana.org.mx>',
    publicUrl: (env.PUBLIC_URL || 'http://localhost:4321').replace(/\/+$/, ''),
    timeZone: env.ORG_TIMEZONE || 'America/Chihuahua',
    trustProxy: flag(env.TRUST_PROXY, false),
    // Demo users are only ever written into the embedded database, unless asked for.
    seedDemo: flag(env.SEED_DEMO, !databaseUrl),
    mailWorker: flag(env.MAIL_WORKER, true),
  };
}

let cached: Config | undefined;
export function config(): Config {
  cached ??= readConfig();
  return cached;
}
