import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { eventRegistrations, mailOutbox, rateLimits, workshopRequests } from '~db/schema';
import { recoverRegistrationLink } from '~/features/events/recovery.server';
import {
  cancelByToken,
  getRegistrationByToken,
  registerForEvent,
} from '~/features/events/registration.server';
import { RECOVERY_LIMIT, recoverRequestLink } from '~/features/requests/recovery.server';
import { findRequestByToken, submitRequest } from '~/features/requests/requests.server';
import { makeContext } from '~/lib/server/context';
import { describeEachDb } from '../helpers/db';
import { mailCtx, makeEvent, signup } from '../helpers/events';
import { MAIL, seedCatalogue, validForm } from '../helpers/requests';

// "¿Perdiste tu enlace?": a fresh link by mail, the old one dead; the same answer and the same
// writes whether or not the pair matches; attempts counted in the database.

const requestToken = (text: string) => /\/solicitud\/([a-z2-7]{20,})/.exec(text)?.[1] ?? null;
const manageToken = (text: string) => /\/registro\/([a-z2-7]{16,})/.exec(text)?.[1] ?? null;

describeEachDb('lost private links', (db) => {
  let n = 0;
  /** A context from a fresh IP, so each test has its own rate-limit counters. */
  const context = (ip = `10.9.${Math.floor(n / 200)}.${n++ % 200}`) =>
    makeContext({ db: db.db, ip, zone: 'America/Chihuahua', publicUrl: 'https://vinculo.example' });
  const mailsTo = (email: string) =>
    db.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).orderBy(mailOutbox.id);

  async function submitted(email: string) {
    const { active } = await seedCatalogue(db.db);
    const values = await validForm(db.db, active, {
      contactEmail: email,
      institutionName: `Escuela ${Math.random().toString(36).slice(2, 8)}`,
    });
    const result = await submitRequest(db.db, values, { ip: '10.1.1.1', locale: 'es', mail: MAIL });
    if (!result.ok) throw new Error('submit failed');
    const [received] = await mailsTo(email);
    return { folio: result.data.folio, token: requestToken(received!.text)! };
  }

  it('mails a workshop request a fresh link for its folio and e-mail; the old link stops working', async () => {
    const email = `recupera-${n}@escuela.example.mx`;
    const { folio, token } = await submitted(email);
    expect(await findRequestByToken(db.db, token)).not.toBeNull();

    const result = await recoverRequestLink(context(), {
      folio: folio.toLowerCase(),
      email: email.toUpperCase(),
      locale: 'es',
    });
    expect(result).toEqual({ ok: true });
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.template).toBe('request.link-recovered');
    expect(mails[1]!.subject).toBe(`Tu nuevo enlace de la solicitud ${folio}`);
    const fresh = requestToken(mails[1]!.text)!;
    expect(fresh).not.toBe(token);
    expect((await findRequestByToken(db.db, fresh))?.request.folio).toBe(folio);
    expect(await findRequestByToken(db.db, token)).toBeNull();
  });

  it('answers the same to a folio and e-mail that do not match, changes no link, and writes the same rows', async () => {
    const email = `duena-${n}@escuela.example.mx`;
    const { folio, token } = await submitted(email);
    const stranger = `otra-${n}@correo.test`;
    const [before] = await db.db.select().from(workshopRequests).where(eq(workshopRequests.folio, folio));
    const rateRowsBefore = (await db.db.select().from(rateLimits)).length;
    const outboxBefore = (await db.db.select().from(mailOutbox)).length;

    const miss = await recoverRequestLink(context(), { folio, email: stranger, locale: 'es' });
    expect(miss).toEqual({ ok: true });
    const [after] = await db.db.select().from(workshopRequests).where(eq(workshopRequests.folio, folio));
    expect(after!.tokenHash).toBe(before!.tokenHash);
    expect(await findRequestByToken(db.db, token)).not.toBeNull();
    // Only the owner of the typed address hears about it, and without any link.
    const [note] = await mailsTo(stranger);
    expect(note!.template).toBe('request.link-recovery-miss');
    expect(note!.text).toContain(`no encontramos una solicitud con ese folio y este correo`);
    expect(requestToken(note!.text)).toBeNull();
    const missRows = {
      rate: (await db.db.select().from(rateLimits)).length - rateRowsBefore,
      outbox: (await db.db.select().from(mailOutbox)).length - outboxBefore,
    };

    const rateRowsMid = (await db.db.select().from(rateLimits)).length;
    const outboxMid = (await db.db.select().from(mailOutbox)).length;
    const hit = await recoverRequestLink(context(), { folio, email, locale: 'en' });
    expect(hit).toEqual(miss);
    expect({
      rate: (await db.db.select().from(rateLimits)).length - rateRowsMid,
      outbox: (await db.db.select().from(mailOutbox)).length - outboxMid,
    }).toEqual(missRows);
    // Asked from the English form: the English status page.
    const last = (await mailsTo(email)).at(-1)!;
    expect(last.text).toMatch(/\/en\/solicitud\/[a-z2-7]+/);
  });

  it('limits attempts per address and per IP in the database, before anything is looked up', async () => {
    const email = `limite-${n}@escuela.example.mx`;
    const { folio } = await submitted(email);
    for (let i = 0; i < RECOVERY_LIMIT.perAddress; i++)
      expect(await recoverRequestLink(context(), { folio, email, locale: 'es' })).toEqual({ ok: true });
    const refused = await recoverRequestLink(context(), { folio, email, locale: 'es' });
    expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await mailsTo(email)).toHaveLength(1 + RECOVERY_LIMIT.perAddress);

    const ip = '10.200.0.1';
    for (let i = 0; i < RECOVERY_LIMIT.perIp; i++)
      await recoverRequestLink(context(ip), { folio, email: `x${i}-${n}@correo.test`, locale: 'es' });
    expect(
      await recoverRequestLink(context(ip), { folio, email: `y-${n}@correo.test`, locale: 'es' }),
    ).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await mailsTo(`y-${n}@correo.test`)).toHaveLength(0);
  });

  it('mails an event registration a new manage link; every earlier one stops working', async () => {
    const event = await makeEvent(db.db, { capacity: 5 });
    const email = `asistente-${n}@correo.test`;
    const input = await signup(db.db, event.slug, { email });
    await registerForEvent(db.db, input, mailCtx);
    const old = manageToken((await mailsTo(email))[0]!.text)!;
    expect(await getRegistrationByToken(db.db, old)).not.toBeNull();

    const result = await recoverRegistrationLink(context(), {
      slug: event.slug,
      email: email.toUpperCase(),
      locale: 'es',
    });
    expect(result).toEqual({ ok: true });
    const last = (await mailsTo(email)).at(-1)!;
    expect(last.template).toBe('events.recovered');
    const fresh = manageToken(last.text)!;
    expect(fresh).not.toBe(old);
    expect((await getRegistrationByToken(db.db, fresh))?.event.slug).toBe(event.slug);
    expect(await getRegistrationByToken(db.db, old)).toBeNull();
  });

  it('answers the same for an e-mail with no live registration, and the same rows are written', async () => {
    const event = await makeEvent(db.db, { capacity: 5 });
    const email = `registrada-${n}@correo.test`;
    await registerForEvent(db.db, await signup(db.db, event.slug, { email }), mailCtx);
    const link = manageToken((await mailsTo(email))[0]!.text)!;

    const stranger = `nadie-${n}@correo.test`;
    const outboxBefore = (await db.db.select().from(mailOutbox)).length;
    const miss = await recoverRegistrationLink(context(), {
      slug: event.slug,
      email: stranger,
      locale: 'en',
    });
    expect(miss).toEqual({ ok: true });
    expect((await db.db.select().from(mailOutbox)).length - outboxBefore).toBe(1);
    const [note] = await mailsTo(stranger);
    expect(note!.template).toBe('events.recoveryMiss');
    expect(note!.subject).toBe(`Your registration: ${event.title}`);
    expect(manageToken(note!.text)).toBeNull();
    expect(await getRegistrationByToken(db.db, link)).not.toBeNull();

    // A cancelled registration has nothing to recover: the same note.
    await cancelByToken(db.db, link, mailCtx);
    const [reg] = await db.db.select().from(eventRegistrations).where(eq(eventRegistrations.email, email));
    expect(reg!.status).toBe('cancelled');
    await recoverRegistrationLink(context(), { slug: event.slug, email, locale: 'es' });
    expect((await mailsTo(email)).at(-1)!.template).toBe('events.recoveryMiss');
  });
});
