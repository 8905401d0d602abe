/**
 * Letter templates for oficios. Placeholders in {braces}. They carry the case folio and the
 * authority, never the person's data: the operator adds what the authority needs, knowingly.
 */
export const OFICIO_TEMPLATES = {
  informacion: {
    label: 'Solicitud de información sobre una carpeta',
    subject: 'Solicitud de información sobre el estado de una carpeta de investigación',
    body: `Por medio del presente, y en atención al caso con folio {folio} que acompaña la Línea Ciudadana, solicitamos de la manera más atenta a {autoridad} nos informe sobre el estado que guarda la carpeta de investigación relacionada, así como las diligencias pendientes en las que la persona usuaria deba participar.

Lo anterior con fundamento en los artículos 7 y 12 de la Ley General de Víctimas, que reconocen el derecho de las víctimas a ser informadas y a recibir acompañamiento.

Sin otro particular, agradecemos de antemano su atención y quedamos a sus órdenes.`,
  },
  proteccion: {
    label: 'Solicitud de medidas de protección',
    subject: 'Solicitud de medidas de protección',
    body: `Por medio del presente, en relación con el caso con folio {folio} atendido por la Línea Ciudadana, solicitamos respetuosamente a {autoridad} valore y, en su caso, otorgue medidas de protección a favor de la persona usuaria, quien refiere encontrarse en situación de riesgo.

La persona cuenta con nuestro acompañamiento y está en disposición de comparecer cuando se le requiera.

Agradecemos su pronta atención.`,
  },
  canalizacion: {
    label: 'Canalización formal a una institución',
    subject: 'Canalización para atención',
    body: `Por medio del presente, canalizamos a la persona usuaria del caso con folio {folio} a {autoridad} para que reciba la atención que corresponda a sus atribuciones.

La Línea Ciudadana le brindó orientación inicial y dará seguimiento a su atención. Le agradeceremos informarnos, en la medida de lo posible, si la persona acudió y el resultado de la atención.

Quedamos a sus órdenes.`,
  },
} as const;
export type OficioTemplate = keyof typeof OFICIO_TEMPLATES;

export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}

export const OFICIO_STATUS_LABELS = {
  draft: 'Borrador',
  sent: 'Enviado',
  acknowledged: 'Con acuse',
  answered: 'Respondido',
  overdue: 'Vencido',
} as const;

export const OFICIO_METHOD_LABELS = {
  oficialia: 'Oficialía de partes',
  hand: 'Entrega en mano',
  email: 'Correo electrónico',
  courier: 'Mensajería',
} as const;
