import { t } from '~/i18n';
import { escapeHtml } from './mail/templates';

const MESSAGES = {
  db: 'error.db',
  forbidden: 'error.forbidden',
  notFound: 'error.notFound',
  server: 'error.server',
  tooLarge: 'error.tooLarge',
  badRequest: 'error.badRequest',
  unsupportedType: 'error.unsupportedType',
} as const;

const TITLES: Record<number, string> = {
  400: 'Formulario dañado',
  403: 'Acceso restringido',
  404: 'Página no encontrada',
  413: 'Formulario demasiado grande',
  415: 'Formulario no admitido',
  503: 'Servicio no disponible',
};

/**
 * A plain, self-contained error page for answers the middleware gives before any page runs
 * (database down, role refused). No scripts, inline-free styles so the CSP holds.
 */
export function renderErrorPage(
  status: number,
  kind: keyof typeof MESSAGES,
  options: { staff?: boolean } = {},
): Response {
  const message = escapeHtml(t('es', MESSAGES[kind]));
  const title = TITLES[status] ?? 'Error';
  const links =
    options.staff === false
      ? '<a href="/">Ir al inicio</a>'
      : '<a href="/app">Volver al inicio del equipo</a> · <a href="/">Ir al sitio público</a>';
  const body = `<!doctype html><html lang="es-MX"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · Línea Ciudadana</title><link rel="stylesheet" href="/styles/error.css"></head>
<body><main><h1>${title}</h1><p>${message}</p><p>${links}</p></main></body></html>`;
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      ...(status === 503 ? { 'Retry-After': '10' } : {}),
    },
  });
}

/** What was posted, kept to show again on the page that says why it could not be saved. */
export interface KeptForm {
  /** Where the form was posted (path and query, `?_action=` included): "Enviar de nuevo" posts there. */
  action: string;
  multipart: boolean;
  /** Every typed field, in order, repeated fields repeated. Passwords are left out. */
  fields: [string, string][];
  /** Names of file fields that carried a file: a file cannot be sent back, it must be chosen again. */
  files: string[];
  /** Whether a password field was left out (the page asks to type it again). */
  secretsLeftOut: boolean;
}

/**
 * The answer for a request that could not be served, rendered in the site's layout by
 * `src/pages/problema.astro` (the middleware rewrites to it and puts this in `locals.problem`).
 */
export interface Problem {
  status: 400 | 403 | 404 | 409 | 413 | 415 | 503;
  kind: keyof typeof MESSAGES;
  staff: boolean;
  kept?: KeptForm | null;
}

export function problemMessage(kind: Problem['kind']): string {
  return t('es', MESSAGES[kind]);
}

export function problemTitle(status: number): string {
  return TITLES[status] ?? 'Error';
}

const SECRET_FIELD = /pass|contrase|^confirm$|^current$/i;

/**
 * The fields of a posted form, from a copy of the request taken before anything read it. `null`
 * when there is no form to keep (no body, JSON, or a body that does not parse).
 */
export async function keptForm(copy: Request | null, url: URL): Promise<KeptForm | null> {
  if (!copy) return null;
  const type = (copy.headers.get('content-type') ?? '').toLowerCase();
  const multipart = type.startsWith('multipart/form-data');
  if (!multipart && !type.startsWith('application/x-www-form-urlencoded')) return null;
  let form: FormData;
  try {
    form = await copy.formData();
  } catch {
    return null;
  }
  const fields: [string, string][] = [];
  const files: string[] = [];
  let secretsLeftOut = false;
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') {
      if (value.size > 0 && !files.includes(name)) files.push(name);
    } else if (SECRET_FIELD.test(name)) secretsLeftOut = true;
    else fields.push([name, value]);
  }
  return { action: url.pathname + url.search, multipart, fields, files, secretsLeftOut };
}
