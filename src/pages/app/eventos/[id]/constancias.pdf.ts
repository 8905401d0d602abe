import type { APIRoute } from 'astro';
import { certificatesPdf, eventCertificates, pdfResponse } from '~/features/certificates';
import { can } from '~/lib/policy';
import { parseId } from '~/lib/params';
import { renderErrorPage } from '~/lib/server/error-page';
import { log } from '~/lib/server/log';
import { signedIn } from '~/lib/server/context';
import { requestContext } from '~/lib/server/request-context';

/** Every constancia of one event (checked-in registrations and named walk-ins), a page each. */
export const GET: APIRoute = async (astro) => {
  if (!can(astro.locals.user, 'events.manage')) return renderErrorPage(403, 'forbidden');
  const id = parseId(astro.params.id);
  if (id === null) return renderErrorPage(404, 'notFound');
  try {
    const ctx = signedIn(await requestContext(astro));
    const found = await eventCertificates(ctx, id);
    if (!found) return renderErrorPage(404, 'notFound');
    if (found.docs.length === 0)
      return new Response(
        'Todavía no hay asistencia registrada en este evento: no hay constancias que descargar.',
        {
          status: 409,
          headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
        },
      );
    return pdfResponse(await certificatesPdf(ctx, found.docs, 'es'), 'es', found.slug);
  } catch (err) {
    log.error({ area: 'constancias', err }, 'no se pudieron preparar las constancias');
    return renderErrorPage(503, 'db');
  }
};
