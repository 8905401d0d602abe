import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { eventRegistrations } from '~db/schema';
import { createLogger, errorFields, sqlState } from '~/lib/server/log';
import { describeEachDb } from '../helpers/db';

const EMAIL = 'ana.lopez.privada@example.mx';
const PHONE = '6141234567';
const NAME = 'Ana López Privada';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger(stream), text: () => lines.join('') };
}

describeEachDb('the server log never carries personal data', (ctx) => {
  it('a failed query with a name, e-mail and phone logs its SQLSTATE and constraint, not its parameters', async () => {
    let failure: unknown;
    try {
      // Event 999999 does not exist: a foreign-key violation whose message lists every parameter.
      await ctx.db.insert(eventRegistrations).values({
        eventId: 999_999,
        status: 'confirmed',
        name: NAME,
        email: EMAIL,
        phone: PHONE,
        municipalityId: '08019',
        heardFrom: 'redes_sociales',
        privacyNoticeId: 1,
        consentedAt: new Date(),
      });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(Error);
    // The driver's own message does carry the data: this is what must not reach the log.
    const raw = `${(failure as Error).message} ${String((failure as Error & { cause?: Error }).cause?.message)}`;
    expect(raw).toContain(EMAIL);

    const { logger, text } = capture();
    logger.error({ area: 'eventos', err: failure }, 'no se pudo guardar el registro');
    logger.error({ area: 'eventos', error: failure, email: EMAIL, phone: PHONE, name: NAME }, 'otra vez');
    logger.flush();
    const out = text();
    expect(out).not.toContain(EMAIL);
    expect(out).not.toContain(PHONE);
    expect(out).not.toContain('López');
    expect(out).toContain('23503'); // foreign_key_violation
    expect(out).toContain('event_registrations_event_id_events_id_fk');
    expect(sqlState(failure)).toBe('23503');
    expect(errorFields(failure).type).toMatch(/Error/);
  });
});
