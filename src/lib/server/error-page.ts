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
