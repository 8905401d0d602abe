import type { Locale } from '~/lib/time';
import { CERT_TEXT } from './messages';

/**
 * The PDF as a download. `name` is a fixed word plus an id or slug, never a person's name or
 * the code (a file name ends up in download lists and logs).
 */
export function pdfResponse(bytes: Uint8Array, locale: Locale, suffix: string): Response {
  const name = `${CERT_TEXT[locale].fileName}${suffix ? `-${suffix.replace(/[^a-z0-9-]/gi, '')}` : ''}.pdf`;
  return new Response(bytes as BodyInit, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
      'X-Robots-Tag': 'noindex',
    },
  });
}

/** A plain-text refusal of a download link (no page around it: the link came from a button). */
export function notAvailable(locale: Locale, status = 404): Response {
  const text =
    status === 503
      ? locale === 'en'
        ? 'We cannot prepare the certificate right now. Please try again in a few minutes.'
        : 'Por ahora no podemos preparar la constancia. Intenta de nuevo en unos minutos.'
      : locale === 'en'
        ? 'There is no certificate at this address.'
        : 'No hay una constancia en esta dirección.';
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
