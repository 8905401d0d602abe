import type { APIRoute } from 'astro';
import { certificatesPdf, facilitatorCertificate, pdfResponse } from '~/features/certificates';
import { can } from '~/lib/policy';
import { parseId } from '~/lib/params';
import { renderErrorPage } from '~/lib/server/error-page';
import { log } from '~/lib/server/log';
import { signedIn } from '~/lib/server/context';
import { requestContext } from '~/lib/server/request-context';

/**
 * The constancia of the person who gave an activity. Operators get their own; planning
 * (admin, supervisor) may get anyone's on the activity with ?persona=<id>.
 */
export const GET: APIRoute = async (astro) => {
  const user = astro.locals.user!;
  const id = parseId(astro.params.id);
  if (id === null) return renderErrorPage(404, 'notFound');
  const asked = astro.url.searchParams.get('persona');
  const personId = asked === null ? user.id : parseId(asked);
  if (personId === null) return renderErrorPage(404, 'notFound');
  if (!can(user, 'agenda.certificate', { mine: personId === user.id }))
    return renderErrorPage(403, 'forbidden');
  try {
    const ctx = signedIn(await requestContext(astro));
    const doc = await facilitatorCertificate(ctx, id, personId);
    if (!doc) return renderErrorPage(404, 'notFound');
    return pdfResponse(await certificatesPdf(ctx, [doc], 'es'), 'es', String(id));
  } catch (err) {
    log.error({ area: 'constancias', err }, 'no se pudieron preparar las constancias');
    return renderErrorPage(503, 'db');
  }
};
