import type { ArcoRight, ArcoStatus } from '~db/schema/arco';
import { type RenderedMail, renderMail } from '~/lib/server/mail/templates';
import { formatDay } from '~/lib/time';
import type { Deadline } from './deadline';
import { type ArcoLocale, RIGHT_LABELS, STATUS_LABELS } from './labels';

interface MailContext {
  publicUrl: string;
  orgName: string;
  phone: string;
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;
const statusUrl = (ctx: MailContext, token: string, locale: ArcoLocale) =>
  `${ctx.publicUrl}${locale === 'en' ? '/en' : ''}/derechos-arco/${token}`;

/** To the person: folio, what happens next, the private link. Nothing beyond what they typed. */
export function receivedMail(
  r: { folio: string; name: string; right: ArcoRight },
  token: string,
  ctx: MailContext,
  locale: ArcoLocale,
): RenderedMail {
  const org = { name: ctx.orgName, ...(ctx.phone ? { phone: ctx.phone } : {}) };
  if (locale === 'en')
    return renderMail(
      {
        subject: `We received your privacy request ${r.folio}`,
        greeting: `Hello, ${firstName(r.name)}:`,
        paragraphs: [
          `We received your request to exercise your right of ${RIGHT_LABELS.en[r.right].name.toLowerCase()}. Your folio is ${r.folio}.`,
          'We will first confirm your identity, as the law requires, and answer within 20 business days. The private link below shows where your request stands. Keep it to yourself: anyone with it can see the status.',
        ],
        action: { label: 'See my request', url: statusUrl(ctx, token, locale) },
        after: ['If you did not send this request, reply to this e-mail and tell us.'],
      },
      org,
    );
  return renderMail(
    {
      subject: `Recibimos tu solicitud de derechos ARCO ${r.folio}`,
      greeting: `Hola, ${firstName(r.name)}:`,
      paragraphs: [
        `Recibimos tu solicitud para ejercer tu derecho de ${RIGHT_LABELS.es[r.right].name.toLowerCase()}. Tu folio es ${r.folio}.`,
        'Primero confirmaremos tu identidad, como pide la ley, y te responderemos en un plazo máximo de 20 días hábiles. Con el enlace privado de abajo puedes ver en qué va tu solicitud. Guárdalo solo para ti: quien lo tenga puede ver el estado.',
      ],
      action: { label: 'Ver mi solicitud', url: statusUrl(ctx, token, locale) },
      after: ['Si tú no enviaste esta solicitud, responde a este correo y avísanos.'],
    },
    org,
  );
}

/** To the person when their request changes: the new status and, when there is one, why. */
export function statusMail(
  r: { folio: string; name: string; status: ArcoStatus; reason: string | null },
  ctx: MailContext,
  locale: ArcoLocale,
): RenderedMail {
  const org = { name: ctx.orgName, ...(ctx.phone ? { phone: ctx.phone } : {}) };
  const label = STATUS_LABELS[locale][r.status];
  const en = locale === 'en';
  const lines: Record<ArcoStatus, string> = en
    ? {
        received: '',
        needs_info:
          'We need more information to go on. While we wait for it, the legal term is paused. Reply to this e-mail or call us.',
        identity_verified: 'We confirmed your identity. We are now working on your request.',
        in_progress: 'We are working on your request.',
        answered: 'We answered your request. You can see the answer through your private link.',
        rejected: 'We cannot grant your request. The reason and its legal ground are below.',
      }
    : {
        received: '',
        needs_info:
          'Necesitamos más información para continuar. Mientras la esperamos, el plazo legal se detiene. Responde a este correo o llámanos.',
        identity_verified: 'Confirmamos tu identidad. Ya estamos atendiendo tu solicitud.',
        in_progress: 'Estamos atendiendo tu solicitud.',
        answered: 'Respondimos tu solicitud. Puedes ver la respuesta con tu enlace privado.',
        rejected: 'No podemos atender tu solicitud. Abajo va el motivo con su fundamento legal.',
      };
  return renderMail(
    {
      subject: en ? `Your privacy request ${r.folio}: ${label}` : `Tu solicitud ${r.folio}: ${label}`,
      greeting: en ? `Hello, ${firstName(r.name)}:` : `Hola, ${firstName(r.name)}:`,
      paragraphs: [lines[r.status], ...(r.reason ? [r.reason] : [])].filter(Boolean),
      after: [
        en
          ? 'Your private link, in the first e-mail we sent, shows the whole history.'
          : 'Tu enlace privado, en el primer correo que te enviamos, muestra todo el historial.',
      ],
    },
    org,
  );
}

/** To the people who work the queue: a folio and a link, never the person's data. */
export function staffNoticeMail(
  folio: string,
  kind: 'new' | 'soon' | 'overdue',
  ctx: MailContext,
  deadline?: Deadline,
): RenderedMail {
  const when = deadline?.answerBy ? formatDay(deadline.answerBy, 'dateLong') : '';
  const paragraphs = {
    new: [`Llegó la solicitud de derechos ARCO ${folio}. El plazo de 20 días hábiles corre desde mañana.`],
    soon: [
      `A la solicitud ${folio} le quedan ${deadline?.daysLeft ?? 0} días hábiles: vence el ${when}.`,
      'Si falta información de la persona, pídela desde la solicitud: el plazo se detiene mientras la esperamos.',
    ],
    overdue: [`La solicitud ${folio} venció el ${when} sin respuesta. Respóndela cuanto antes.`],
  }[kind];
  const subject = {
    new: `Nueva solicitud ARCO ${folio}`,
    soon: `Solicitud ARCO ${folio}: vence en ${deadline?.daysLeft ?? 0} días hábiles`,
    overdue: `Solicitud ARCO ${folio} vencida`,
  }[kind];
  return renderMail(
    {
      subject,
      paragraphs,
      action: { label: 'Abrir la solicitud', url: `${ctx.publicUrl}/app/privacidad/${folio}` },
    },
    { name: ctx.orgName },
  );
}
