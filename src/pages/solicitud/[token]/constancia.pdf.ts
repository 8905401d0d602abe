import type { APIRoute } from 'astro';
import { certificatesPdf, groupCertificate, notAvailable, pdfResponse } from '~/features/certificates';
import { log } from '~/lib/server/log';
import { requestContext } from '~/lib/server/request-context';

/** The institution's group constancia, from its status link, once attendance is recorded. */
export const GET: APIRoute = async (astro) => {
  try {
    const ctx = await requestContext(astro);
    const doc = await groupCertificate(ctx, astro.params.token ?? '', 'es');
    if (!doc) return notAvailable('es');
    return pdfResponse(await certificatesPdf(ctx, [doc], 'es'), 'es', '');
  } catch (err) {
    log.error({ area: 'constancias', err }, 'no se pudo preparar la constancia de un grupo');
    return notAvailable('es', 503);
  }
};
