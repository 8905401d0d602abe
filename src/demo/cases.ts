import { makeStaffContext } from '~/lib/server/context';
import { inArray } from 'drizzle-orm';
import type { Db } from '~db/client';
import { caseCategories, users } from '~db/schema';
import { createContact } from '~/features/cases/cases.server';
import { addCaseNote } from '~/features/cases/case-detail.server';
import { createFollowUp } from '~/features/cases/followups.server';
import { createReferral, recordReferralOutcome } from '~/features/cases/referrals.server';
import { seedDirectoryDemo } from './directory';
import { ContactSchema } from '~/features/cases/schemas';
import { addDays, localDay, toLocalInput } from '~/lib/time';

const TZ = 'America/Chihuahua';
const HOUR = 3_600_000;

/**
 * Demo cases for the two demo operators, entered through the same domain functions the app
 * uses (so folios, audit rows and drafts behave as in production). Names are invented.
 */
export async function seedCasesDemo(db: Db): Promise<void> {
  const staff = await db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(
      inArray(users.email, ['operadora@vinculo.test', 'operador@vinculo.test', 'supervision@vinculo.test']),
    );
  const byEmail = new Map(staff.map((s) => [s.email, s]));
  const lucia = byEmail.get('operadora@vinculo.test');
  const ricardo = byEmail.get('operador@vinculo.test');
  if (!lucia || !ricardo) return;
  const cats = await db.select({ id: caseCategories.id, name: caseCategories.name }).from(caseCategories);
  const cat = (name: string) => cats.find((c) => c.name === name)!.id;
  const meta = { ip: null };
  const now = Date.now();
  const at = (hoursAgo: number) => toLocalInput(new Date(now - hoursAgo * HOUR), TZ);
  const today = localDay(new Date(now), TZ);
  const services = await seedDirectoryDemo(db, today);

  const entries = [
    {
      actor: lucia,
      data: {
        startedAt: at(50),
        channel: 'phone',
        durationMinutes: '25',
        callType: 'data',
        callerRole: 'victim',
        personName: 'Rosa Elena Domínguez',
        ageRange: '30-44',
        gender: 'woman',
        municipalityId: '08019',
        followUpConsent: 'on',
        followUpPhone: '614 287 5531',
        categories: [cat('Violencia familiar')],
        services: ['legal', 'psychological'],
        riskLevel: 'medium',
        reportStatus: 'encouraged',
        summary:
          'Refiere agresiones verbales y empujones de su pareja desde hace meses. Se le explicó cómo solicitar órdenes de protección y se le animó a denunciar en el Centro de Justicia para las Mujeres.',
        privacyNoticeGiven: 'on',
      },
      note: 'Acordamos llamarle el viernes por la mañana, cuando su pareja está en el trabajo.',
      followUp: { type: 'call' as const, dueOn: addDays(today, -1) },
      referral: {
        serviceId: services[0]!,
        notes: 'Para solicitar orden de protección; se le explicó que puede ir acompañada.',
        outcome: null,
      },
    },
    {
      actor: lucia,
      data: {
        startedAt: at(6),
        channel: 'whatsapp',
        durationMinutes: '15',
        callType: 'data',
        callerRole: 'victim',
        anonymous: 'on',
        ageRange: '45-59',
        gender: 'man',
        municipalityId: '08037',
        categories: [cat('Extorsión')],
        services: ['legal'],
        riskLevel: 'low',
        reportStatus: 'declined',
        summary:
          'Recibió una llamada de supuesta cobranza con amenazas. No pagó. Se le orientó para bloquear el número y guardar evidencia; por ahora no quiere denunciar.',
      },
    },
    {
      actor: ricardo,
      data: {
        startedAt: at(30),
        channel: 'walk_in',
        durationMinutes: '40',
        callType: 'data',
        callerRole: 'relative',
        personName: 'Juan Carlos Holguín',
        ageRange: '45-59',
        gender: 'man',
        municipalityId: '08037',
        followUpConsent: 'on',
        followUpPhone: '656 402 1187',
        categories: [cat('Persona desaparecida')],
        services: ['legal', 'crisis', 'accompaniment'],
        riskLevel: 'high',
        reportStatus: 'filed',
        reportAuthority: 'Fiscalía Especializada en Personas Desaparecidas, Zona Norte',
        reportFileNumber: 'CI-2026-4471',
        summary:
          'Su hijo de 19 años no regresa a casa desde hace tres días. Ya presentó la denuncia. Se brindó contención y se acordó acompañarle a la Fiscalía para dar seguimiento a la búsqueda.',
        privacyNoticeGiven: 'on',
      },
      followUp: { type: 'accompaniment' as const, dueOn: today },
      referral: {
        serviceId: services[3]!,
        notes: 'Ampliación de la denuncia y registro en la búsqueda.',
        outcome: 'attended' as const,
      },
    },
    {
      actor: ricardo,
      data: { startedAt: at(2), channel: 'phone', durationMinutes: '1', callType: 'silent' },
    },
    { actor: lucia, data: { startedAt: at(1), channel: 'phone', durationMinutes: '0', callType: 'hang_up' } },
  ];

  for (const e of entries) {
    // Entered now, about calls of the last days: the late entry is said to be one on purpose.
    const parsed = ContactSchema.parse({ ...e.data, startedAtConfirmed: 'on' });
    const saved = await createContact(
      makeStaffContext({ db: db, user: e.actor, ip: meta.ip, zone: TZ, now: () => new Date(now) }),
      parsed,
    );
    if (!saved.ok) throw new Error(`demo contact refused: ${Object.keys(saved.errors).join(', ')}`);
    if (!saved.folio) continue;
    if (e.note)
      await addCaseNote(makeStaffContext({ db: db, user: e.actor, ip: meta.ip }), saved.folio, e.note);
    if (e.followUp)
      await createFollowUp(
        makeStaffContext({ db: db, user: e.actor, ip: meta.ip }),
        { folio: saved.folio, ...e.followUp },
        today,
      );
    if (e.referral) {
      const referral = await createReferral(
        makeStaffContext({ db: db, user: e.actor, ip: meta.ip }),
        saved.folio,
        e.referral.serviceId,
        e.referral.notes,
      );
      if (e.referral.outcome && referral.ok && referral.id)
        await recordReferralOutcome(
          makeStaffContext({ db: db, user: e.actor, ip: meta.ip }),
          referral.id,
          e.referral.outcome,
          'Le recibieron la ampliación de denuncia el mismo día.',
        );
    }
  }
}
