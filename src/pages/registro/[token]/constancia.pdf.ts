import type { APIRoute } from 'astro';
import { attendeeCertificate, certificatesPdf, notAvailable, pdfResponse } from '~/features/certificates';
import { log } from '~/lib/server/log';
import { requestContext } from '~/lib/server/request-context';

/** The checked-in attendee's constancia, from the manage link; in the language they signed up in. */
export const GET: APIRoute = async (astro) => {
  try {
    const ctx = await requestContext(astro);
    const found = await attendeeCertificate(ctx, astro.params.token ?? '');
    if (!found) return notAvailable('es');
    return pdfResponse(await certificatesPdf(ctx, [found.doc], found.locale), found.locale, '');
  } catch (err) {
    log.error({ area: 'constancias', err }, 'no se pudo preparar la constancia de un registro');
    return notAvailable('es', 503);
  }
};
