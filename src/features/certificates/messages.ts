import type { Locale } from '~/lib/time';

/** Texts of the constancia and its pages, Spanish first; English for the /en/ flow. */
export const CERT_TEXT = {
  es: {
    heading: 'CONSTANCIA',
    subheading: 'de participación',
    intro: 'Se hace constar que',
    attended: 'asistió al evento',
    attendedWithGroup: (n: number, institution: string) =>
      institution
        ? `asistió, con un grupo de ${n} personas de ${institution}, al evento`
        : `asistió, con un grupo de ${n} personas, al evento`,
    groupTookPart: (n: number) =>
      `participó, con un grupo de ${n} ${n === 1 ? 'persona' : 'personas'}, en el taller`,
    facilitated: 'impartió el taller',
    toGroup: (n: number, institution: string) =>
      `a un grupo de ${n} ${n === 1 ? 'persona' : 'personas'}${institution ? ` de ${institution}` : ''},`,
    givenBy: (org: string) => `impartido por ${org},`,
    when: (day: string, from: string, to: string, zone: string) => `el ${day}, de ${from} a ${to} (${zone}),`,
    where: (place: string) => `en ${place}.`,
    online: 'en línea.',
    hours: (h: string, one: boolean) => `Duración: ${h} ${one ? 'hora' : 'horas'}.`,
    issued: (day: string) => `Expedida el ${day}.`,
    verify: 'Verifica esta constancia en',
    code: 'Código de verificación',
    fileName: 'constancia',
    pdfTitle: 'Constancia de participación',
  },
  en: {
    heading: 'CERTIFICATE',
    subheading: 'of participation',
    intro: 'This is to certify that',
    attended: 'attended the event',
    attendedWithGroup: (n: number, institution: string) =>
      institution
        ? `attended, with a group of ${n} people from ${institution}, the event`
        : `attended, with a group of ${n} people, the event`,
    groupTookPart: (n: number) =>
      `took part, with a group of ${n} ${n === 1 ? 'person' : 'people'}, in the workshop`,
    facilitated: 'gave the workshop',
    toGroup: (n: number, institution: string) =>
      `to a group of ${n} ${n === 1 ? 'person' : 'people'}${institution ? ` from ${institution}` : ''},`,
    givenBy: (org: string) => `given by ${org},`,
    when: (day: string, from: string, to: string, zone: string) =>
      `on ${day}, from ${from} to ${to} (${zone}),`,
    where: (place: string) => `at ${place}.`,
    online: 'online.',
    hours: (h: string, one: boolean) => `Duration: ${h} ${one ? 'hour' : 'hours'}.`,
    issued: (day: string) => `Issued on ${day}.`,
    verify: 'Verify this certificate at',
    code: 'Verification code',
    fileName: 'certificate',
    pdfTitle: 'Certificate of participation',
  },
} as const satisfies Record<Locale, unknown>;

/** The check page (/constancia/<code> and /en/constancia/<code>). */
export const VERIFY_TEXT = {
  es: {
    title: 'Verificar una constancia',
    found: 'Constancia válida',
    participant: 'Participante',
    activity: 'Actividad',
    date: 'Fecha',
    notFound: 'Constancia no encontrada',
    notFoundText:
      'No encontramos una constancia con ese código. Revisa que lo hayas copiado completo; si la constancia es reciente o tienes dudas, llámanos.',
    limited: 'Demasiadas consultas',
    limitedText: (minutes: number) =>
      `Hiciste muchas consultas seguidas. Intenta de nuevo en ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}.`,
    unavailable: 'Por ahora no podemos consultar las constancias. Intenta de nuevo en unos minutos.',
    description: 'Comprueba que una constancia de participación de la Línea Ciudadana es auténtica.',
  },
  en: {
    title: 'Verify a certificate',
    found: 'Valid certificate',
    participant: 'Participant',
    activity: 'Activity',
    date: 'Date',
    notFound: 'Certificate not found',
    notFoundText:
      'We found no certificate with that code. Check that you copied all of it; if you have any doubt, call us.',
    limited: 'Too many checks',
    limitedText: (minutes: number) =>
      `You made many checks in a row. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    unavailable: 'We cannot check certificates right now. Please try again in a few minutes.',
    description: 'Check that a certificate of participation from Línea Ciudadana is genuine.',
  },
} as const satisfies Record<Locale, unknown>;

/** Download links on the manage, status and staff pages. */
export const LINK_TEXT = {
  es: {
    heading: 'Constancia de participación',
    attendee: 'Ya registramos tu asistencia. Descarga tu constancia en PDF.',
    group: 'Registramos la asistencia de tu grupo. Descarga la constancia en PDF.',
    download: 'Descargar constancia (PDF)',
  },
  en: {
    heading: 'Certificate of participation',
    attendee: 'Your attendance is recorded. Download your certificate as a PDF.',
    group: "Your group's attendance is recorded. Download the certificate as a PDF.",
    download: 'Download certificate (PDF)',
  },
} as const satisfies Record<Locale, unknown>;
