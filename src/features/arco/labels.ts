import type { ArcoRight, ArcoStatus } from '~db/schema/arco';

/** Labels of the ARCO workflow, in Spanish (staff and public) and English (the /en twin). */
export type ArcoLocale = 'es' | 'en';

export const RIGHTS = [
  'access',
  'rectification',
  'cancellation',
  'opposition',
  'revocation',
] as const satisfies readonly ArcoRight[];
export const STATUSES = [
  'received',
  'needs_info',
  'identity_verified',
  'in_progress',
  'answered',
  'rejected',
] as const satisfies readonly ArcoStatus[];
export const REQUESTER_KINDS = ['self', 'representative'] as const;
export const REFERENCE_KINDS = ['request', 'event', 'call', 'other'] as const;
export const IDENTITY_METHODS = ['in_person', 'video', 'copy', 'representative_power'] as const;

export type RequesterKind = (typeof REQUESTER_KINDS)[number];
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

export const RIGHT_LABELS: Record<ArcoLocale, Record<ArcoRight, { name: string; hint: string }>> = {
  es: {
    access: { name: 'Acceso', hint: 'Saber qué datos tuyos tenemos y para qué los usamos.' },
    rectification: { name: 'Rectificación', hint: 'Corregir datos tuyos que están mal o incompletos.' },
    cancellation: { name: 'Cancelación', hint: 'Que borremos tus datos cuando ya no los necesitemos.' },
    opposition: {
      name: 'Oposición',
      hint: 'Que dejemos de usar tus datos para algo en particular (por ejemplo, avisos y recordatorios).',
    },
    revocation: {
      name: 'Revocación del consentimiento',
      hint: 'Retirar el permiso que nos diste para tratar tus datos.',
    },
  },
  en: {
    access: { name: 'Access', hint: 'Learn what data of yours we hold and what we use it for.' },
    rectification: { name: 'Rectification', hint: 'Correct data of yours that is wrong or incomplete.' },
    cancellation: { name: 'Cancellation', hint: 'Have us delete your data when we no longer need it.' },
    opposition: {
      name: 'Opposition',
      hint: 'Have us stop using your data for a purpose (for example, notices and reminders).',
    },
    revocation: {
      name: 'Revocation of consent',
      hint: 'Withdraw the consent you gave us to process your data.',
    },
  },
};

export const STATUS_LABELS: Record<ArcoLocale, Record<ArcoStatus, string>> = {
  es: {
    received: 'Recibida',
    needs_info: 'Requiere información',
    identity_verified: 'Identidad verificada',
    in_progress: 'En trámite',
    answered: 'Respondida',
    rejected: 'Improcedente',
  },
  en: {
    received: 'Received',
    needs_info: 'More information needed',
    identity_verified: 'Identity verified',
    in_progress: 'In progress',
    answered: 'Answered',
    rejected: 'Not admissible',
  },
};

export const REQUESTER_LABELS: Record<ArcoLocale, Record<RequesterKind, string>> = {
  es: { self: 'Yo, sobre mis propios datos', representative: 'Represento a otra persona' },
  en: { self: 'Me, about my own data', representative: 'I represent someone else' },
};

export const REFERENCE_LABELS: Record<ArcoLocale, Record<ReferenceKind, string>> = {
  es: {
    request: 'Una solicitud de plática o taller (folio)',
    event: 'Un registro a un evento',
    call: 'Una llamada o visita a la Línea',
    other: 'Otra cosa, o no lo sé',
  },
  en: {
    request: 'A talk or workshop request (folio)',
    event: 'An event registration',
    call: 'A call or visit to the hotline',
    other: 'Something else, or I don’t know',
  },
};

export const IDENTITY_LABELS: Record<ArcoLocale, Record<IdentityMethod, string>> = {
  es: {
    in_person: 'Muestro mi identificación oficial en la oficina',
    video: 'Muestro mi identificación en una videollamada',
    copy: 'Envío una copia de mi identificación cuando me la pidan',
    representative_power:
      'Como representante: identificación de ambas personas y carta poder o documento legal',
  },
  en: {
    in_person: 'I show my official ID at the office',
    video: 'I show my ID on a video call',
    copy: 'I send a copy of my ID when asked',
    representative_power: 'As a representative: both people’s ID and a power of attorney or legal document',
  },
};

/**
 * Grounds on which the LFPDPPP lets a controller refuse (improcedente), and the reasons it keeps
 * data after a cancellation. The law was replaced in March 2025 (DOF 20/03/2025) and its
 * articles renumbered, so the texts name the ground, not an article number: legal counsel
 * should confirm the citation before an answer quotes one.
 */
export const REJECTION_GROUNDS = {
  identity: 'No se acreditó la identidad de la persona titular o de su representante.',
  not_held: 'No tenemos datos personales de la persona titular.',
  third_party: 'Atenderla lesionaría los derechos de un tercero.',
  legal_bar: 'Una ley o la resolución de una autoridad competente lo impide.',
  already_done: 'La rectificación, cancelación u oposición ya se había realizado.',
  must_keep:
    'Los datos deben conservarse por disposición legal o para no obstaculizar actuaciones judiciales o administrativas.',
} as const;
export type RejectionGround = keyof typeof REJECTION_GROUNDS;
