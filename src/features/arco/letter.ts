import { formatDay } from '~/lib/time';
import type { ArcoDetail } from './queue.server';
import { RIGHT_LABELS } from './labels';

/**
 * The answer letter's paragraphs, from what the workflow recorded. Plain strings (the page
 * escapes them). Spanish, "tú", as the rest of the public side.
 */
export function answerLetter(d: ArcoDetail): { paragraphs: string[]; draft: boolean } {
  const r = d.request;
  const right = RIGHT_LABELS.es[r.right].name.toLowerCase();
  const o = d.outcome ?? {};
  const out: string[] = [
    `El ${formatDay(r.receivedOn, 'dateLong')} recibimos tu solicitud para ejercer el derecho de ${right} sobre tus datos personales, con el folio ${r.folio}. Te respondemos conforme a la Ley Federal de Protección de Datos Personales en Posesión de los Particulares.`,
  ];
  const draft = r.status !== 'answered' && r.status !== 'rejected';
  if (r.status === 'rejected') {
    out.push(`No es posible atender tu solicitud por el siguiente motivo: ${r.statusReason ?? ''}`);
  } else if (r.right === 'access') {
    const n = d.report?.sections.length ?? 0;
    out.push(
      n === 0
        ? 'Buscamos en nuestros registros de solicitudes de pláticas, registros a eventos y atenciones de la Línea con los datos que nos diste, y no encontramos datos personales tuyos.'
        : `Buscamos en nuestros registros de solicitudes de pláticas, registros a eventos y atenciones de la Línea. Encontramos ${n} ${n === 1 ? 'registro' : 'registros'} con datos tuyos, que se detallan en el anexo y que puedes consultar en tu enlace privado.`,
      'Usamos estos datos solo para las finalidades de nuestro aviso de privacidad: darte atención y seguimiento, organizar las pláticas y eventos, y elaborar estadísticas sin datos que te identifiquen.',
    );
  } else if (r.right === 'rectification') {
    out.push(
      o.rectified?.length
        ? `Corregimos los datos que nos indicaste en: ${o.rectified.join('; ')}.`
        : 'No encontramos datos que corregir con la información que nos diste.',
    );
  } else if (r.right === 'cancellation') {
    if (o.anonymised?.length)
      out.push(
        `Eliminamos tus datos personales (quedaron anonimizados) de: ${o.anonymised.join('; ')}. Solo se conservan cifras que ya no te identifican (fechas, municipio, temas), para estadística.`,
      );
    if (o.kept?.length)
      out.push(
        `Conservamos, por ahora, los siguientes registros: ${o.kept.map((k) => `${k.ref} (${k.reason})`).join('; ')} Cuando ese motivo termine, los anonimizaremos.`,
      );
    if (!o.anonymised?.length && !o.kept?.length)
      out.push('No encontramos datos personales tuyos que cancelar con la información que nos diste.');
    out.push(
      'Nuestra bitácora de seguridad conserva que esta solicitud se atendió (folio, fechas y quién la atendió), sin tus datos, como medida de seguridad que la ley nos pide.',
    );
  } else {
    out.push(
      o.suppressed?.length
        ? 'Registramos tu oposición: ya no te enviaremos avisos, recordatorios ni invitaciones, y tus datos no aparecerán en listados ni informes con nombres. Solo te escribiremos para atender lo que tú nos pidas.'
        : 'Estamos registrando tu oposición.',
    );
  }
  out.push(
    'Si no estás de acuerdo con esta respuesta, puedes escribirnos, y también acudir ante la autoridad garante de protección de datos personales.',
  );
  return { paragraphs: out, draft };
}
