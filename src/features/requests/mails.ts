import { type RenderedMail, renderMail } from '~/lib/server/mail/templates';
import { formatInstant } from '~/lib/time';
import type { RequestStatus } from '~db/schema/requests';
import { REQUEST_STATUS_LABELS } from './status';

/** What every request e-mail needs to know about the organisation. */
export interface MailContext {
  publicUrl: string;
  orgName: string;
  phone: string;
  timeZone: string;
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** To the requester: folio and private link. Only what they typed themselves, no staff data. */
export function receivedMail(
  r: { folio: string; contactName: string; institutionName: string },
  token: string,
  ctx: MailContext,
  /** A request sent from the English form links to the English status page. */
  locale: 'es' | 'en' = 'es',
): RenderedMail {
  const english = locale === 'en';
  return renderMail(
    {
      subject: `Recibimos tu solicitud ${r.folio}`,
      greeting: `Hola, ${firstName(r.contactName)}:`,
      paragraphs: [
        `Gracias por solicitar una plática de ${ctx.orgName} para ${r.institutionName}. Tu folio es ${r.folio}.`,
        'En unos días hábiles revisaremos las fechas que propusiste y te escribiremos para confirmar. Con el siguiente enlace privado puedes consultar el estado de tu solicitud, cancelarla si ya no la necesitas y, después de la plática, contarnos cómo te fue.',
        ...(english
          ? [
              `In English: we received your request ${r.folio}. The private link below shows its status in English; you can cancel it there too.`,
            ]
          : []),
      ],
      action: {
        label: english ? 'Consultar mi solicitud / See my request' : 'Consultar mi solicitud',
        url: `${ctx.publicUrl}${english ? '/en' : ''}/solicitud/${token}`,
      },
      after: [
        'Guarda este correo: el enlace es personal y no lo compartimos con nadie. Si no hiciste esta solicitud, ignora este mensaje.',
      ],
    },
    { name: ctx.orgName, phone: ctx.phone },
  );
}

/** To supervisors: that there is something to triage, and where. No contact data in the mail. */
export function supervisorMail(
  r: { id: number; folio: string; institutionName: string; municipality: string },
  recipient: string,
  ctx: MailContext,
): RenderedMail {
  return renderMail(
    {
      subject: `Nueva solicitud de plática ${r.folio}`,
      greeting: `Hola, ${firstName(recipient)}:`,
      paragraphs: [
        `Llegó la solicitud ${r.folio} de ${r.institutionName} (${r.municipality}). Está esperando revisión.`,
      ],
      action: { label: 'Abrir la solicitud', url: `${ctx.publicUrl}/app/solicitudes/${r.id}` },
    },
    { name: ctx.orgName },
  );
}

/** To the requester on each status change. The private link is in the first e-mail (we keep only its hash). */
export function statusMail(
  r: {
    folio: string;
    contactName: string;
    scheduledStart: Date | null;
    scheduledPlace: string | null;
    facilitatorFirstName: string | null;
  },
  to: RequestStatus,
  reason: string | null,
  ctx: MailContext,
  options: { inviteEvaluation?: boolean } = {},
): RenderedMail {
  const label = REQUEST_STATUS_LABELS[to].es.toLowerCase();
  const paragraphs = [`Tu solicitud ${r.folio} cambió de estado: ahora está ${label}.`];
  if (to === 'under_review')
    paragraphs.push('Estamos revisando las fechas y el equipo disponible; te escribiremos de nuevo pronto.');
  if (to === 'scheduled' && r.scheduledStart) {
    const when = formatInstant(r.scheduledStart, 'dateTime', ctx.timeZone);
    paragraphs.push(
      `Fecha y hora: ${when}.${r.scheduledPlace ? ` Lugar: ${r.scheduledPlace}.` : ''}${r.facilitatorFirstName ? ` Te visitará ${r.facilitatorFirstName}.` : ''}`,
    );
  }
  if (reason) paragraphs.push(`Motivo: ${reason}`);
  if (to === 'completed')
    paragraphs.push(
      options.inviteEvaluation === false
        ? 'Gracias por recibirnos.'
        : 'Gracias por recibirnos. Con el enlace de tu primer correo puedes evaluar la plática: nos ayuda mucho a mejorar.',
    );
  else
    paragraphs.push(
      'Puedes ver el detalle con el enlace privado que te enviamos cuando hiciste la solicitud.',
    );
  return renderMail(
    {
      subject: `Tu solicitud ${r.folio}: ${REQUEST_STATUS_LABELS[to].es}`,
      greeting: `Hola, ${firstName(r.contactName)}:`,
      paragraphs,
      after: [`Si tienes dudas, llámanos al ${ctx.phone}.`],
    },
    { name: ctx.orgName, phone: ctx.phone },
  );
}

/** "¿Perdiste tu enlace?": the fresh private link; the one before it no longer opens the request. */
export function recoveredLinkMail(
  r: { folio: string; contactName: string; institutionName: string },
  token: string,
  ctx: MailContext,
  locale: 'es' | 'en' = 'es',
): RenderedMail {
  const url = `${ctx.publicUrl}${locale === 'en' ? '/en' : ''}/solicitud/${token}`;
  if (locale === 'en')
    return renderMail(
      {
        subject: `Your new link for request ${r.folio}`,
        greeting: `Hello ${firstName(r.contactName)},`,
        paragraphs: [
          `You asked for the private link to request ${r.folio} (${r.institutionName}) again. Here is a new one; the earlier link no longer works.`,
        ],
        action: { label: 'See my request', url },
        after: [
          `Keep this e-mail: the link is personal. If you did not ask for it, you can ignore this message, or call us at ${ctx.phone}.`,
        ],
        lang: 'en',
      },
      { name: ctx.orgName, phone: ctx.phone },
    );
  return renderMail(
    {
      subject: `Tu nuevo enlace de la solicitud ${r.folio}`,
      greeting: `Hola, ${firstName(r.contactName)}:`,
      paragraphs: [
        `Pediste de nuevo el enlace privado de la solicitud ${r.folio} (${r.institutionName}). Aquí tienes uno nuevo; el anterior ya no funciona.`,
      ],
      action: { label: 'Consultar mi solicitud', url },
      after: [
        `Guarda este correo: el enlace es personal. Si no lo pediste tú, ignora este mensaje o llámanos al ${ctx.phone}.`,
      ],
    },
    { name: ctx.orgName, phone: ctx.phone },
  );
}

/** To an address that matches no request with that folio: what to check, without saying more. */
export function recoveryMissMail(folio: string, ctx: MailContext, locale: 'es' | 'en' = 'es'): RenderedMail {
  if (locale === 'en')
    return renderMail(
      {
        subject: 'Your request link',
        greeting: 'Hello,',
        paragraphs: [
          `Someone (perhaps you) asked for the link to request ${folio} with this e-mail address, but we found no request with that reference number and this address.`,
          'Check the reference number in the first e-mail we sent you (it looks like T-2026-0042) and use the address you gave in the form.',
        ],
        after: [`If you did not ask for it, ignore this message. Questions: call us at ${ctx.phone}.`],
        lang: 'en',
      },
      { name: ctx.orgName, phone: ctx.phone },
    );
  return renderMail(
    {
      subject: 'El enlace de tu solicitud',
      greeting: 'Hola:',
      paragraphs: [
        `Alguien (quizá tú) pidió el enlace de la solicitud ${folio} con este correo, pero no encontramos una solicitud con ese folio y este correo.`,
        'Revisa el folio en el primer correo que te enviamos (se ve así: T-2026-0042) y usa el correo que escribiste en el formulario.',
      ],
      after: [`Si no lo pediste tú, ignora este mensaje. Si tienes dudas, llámanos al ${ctx.phone}.`],
    },
    { name: ctx.orgName, phone: ctx.phone },
  );
}
