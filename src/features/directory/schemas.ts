import { z } from 'astro/zod';
import {
  DIRECTORY_CATEGORIES,
  PHONE_TYPE_LABELS,
  REFERRAL_OUTCOME_LABELS,
  SERVICE_STATUS_LABELS,
} from './labels';

const keys = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number) =>
  z.string().trim().max(max, `Admite hasta ${max} caracteres.`).optional().default('');
const optionalId = z.coerce
  .number()
  .int()
  .positive()
  .optional()
  .or(z.literal('').transform(() => undefined));
const email = z
  .string()
  .trim()
  .max(254)
  .optional()
  .default('')
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Escribe un correo válido.');
const url = z
  .string()
  .trim()
  .max(300)
  .optional()
  .default('')
  .refine((v) => v === '' || /^https?:\/\/\S+\.\S+/.test(v), 'Escribe la dirección completa, con https://');

export const OrganizationSchema = z.object({
  id: optionalId,
  name: z
    .string()
    .trim()
    .min(2, 'Escribe el nombre de la organización.')
    .max(200, 'El nombre es demasiado largo.'),
  description: text(2000),
  email,
  website: url,
});
export type OrganizationInput = z.output<typeof OrganizationSchema>;

export const ServiceSchema = z.object({
  id: optionalId,
  organizationId: z.coerce.number().int().positive(),
  name: z.string().trim().min(2, 'Escribe el nombre del servicio.').max(200, 'El nombre es demasiado largo.'),
  status: z.enum(keys(SERVICE_STATUS_LABELS), { error: 'Elige el estado del servicio.' }),
  description: text(2000),
  eligibility: text(1000),
  fees: text(500),
  applicationProcess: text(1000),
  hours: text(300),
  email,
  url,
  categories: z.array(z.enum(keys(DIRECTORY_CATEGORIES))).min(1, 'Elige al menos una categoría.'),
  locationIds: z.array(z.coerce.number().int().positive()).optional().default([]),
});
export type ServiceInput = z.output<typeof ServiceSchema>;
export const SERVICE_MULTI = ['categories', 'locationIds'] as const;

export const LocationSchema = z.object({
  organizationId: z.coerce.number().int().positive(),
  name: z.string().trim().min(2, 'Escribe un nombre para la sede.').max(200),
  address1: z.string().trim().min(5, 'Escribe la dirección.').max(300),
  city: text(120),
  municipalityId: z
    .string()
    .optional()
    .default('')
    .refine((v) => v === '' || /^08\d{3}$/.test(v), 'Elige un municipio de la lista.'),
  postalCode: z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((v) => v === '' || /^\d{5}$/.test(v), 'El código postal tiene 5 dígitos.'),
});

export const PhoneSchema = z.object({
  organizationId: z.coerce.number().int().positive(),
  serviceId: optionalId,
  number: z
    .string()
    .trim()
    .refine(
      (v) => v.replace(/\D/g, '').length >= 3 && v.length <= 40,
      'Escribe el número (por ejemplo 614 429 3300 o 911).',
    ),
  type: z.enum(keys(PHONE_TYPE_LABELS)).optional().default('voice'),
  description: text(200),
});

export const ContactPersonSchema = z.object({
  organizationId: z.coerce.number().int().positive(),
  serviceId: optionalId,
  name: z.string().trim().min(2, 'Escribe el nombre.').max(160),
  title: text(160),
  email,
  phone: text(40),
});

export const VerifySchema = z.object({ serviceId: z.coerce.number().int().positive() });

export const ReferralSchema = z.object({
  folio: z.string().regex(/^LC-\d{4}-\d{5}$/),
  serviceId: z.coerce.number({ error: 'Elige el servicio.' }).int().positive('Elige el servicio.'),
  notes: text(1000),
});

export const ReferralOutcomeSchema = z.object({
  id: z.coerce.number().int().positive(),
  outcome: z.enum(keys(REFERRAL_OUTCOME_LABELS)).refine((v) => v !== 'pending', 'Elige el resultado.'),
  outcomeNotes: text(1000),
});
