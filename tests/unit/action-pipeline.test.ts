import { z } from 'astro/zod';
import { describe, expect, it, vi } from 'vitest';
import type { Db } from '~db/client';
import type { Role } from '~db/schema/accounts';
import { t } from '~/i18n';
import { PUBLIC } from '~/lib/policy';
import {
  ActionRefusal,
  Conflict,
  MAX_RETRIES,
  MESSAGES,
  MailUnavailable,
  type FormActionDef,
  type RunResult,
  notFound,
  runFormAction,
} from '~/lib/server/action-pipeline';
import { type RequestContext, makeContext } from '~/lib/server/context';

/** A stand-in database: counts transactions and hands `run` a recognisable executor. */
function fakeDb() {
  const tx = { kind: 'tx' } as unknown as Db;
  const db = {
    kind: 'db',
    transactions: 0,
    transaction: vi.fn(async (fn: (tx: Db) => Promise<unknown>) => {
      db.transactions++;
      return fn(tx);
    }),
  };
  return { db: db as unknown as Db & { transactions: number }, tx };
}

const userOf = (role: Role) => ({ id: 3, email: 'x@vinculo.test', name: 'X', role });

function form(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

function drive<R extends RunResult>(
  def: Partial<FormActionDef<z.ZodType, R>> & Pick<FormActionDef<z.ZodType, R>, 'run'>,
  fields: Record<string, string>,
  role: Role | null = 'admin',
  db = fakeDb().db,
) {
  const user = role ? userOf(role) : null;
  const ctx = makeContext({ db, user, ip: '10.0.0.1', zone: 'America/Chihuahua' });
  const full = {
    permission: 'admin.users',
    input: z.object({ name: z.string().min(2), password: z.string().optional() }),
    area: 'prueba',
    secret: ['password'],
    ...def,
  } as FormActionDef<z.ZodType, R>;
  return runFormAction(full, form(fields), async () => ctx, user, { sleep: async () => {} });
}

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });
const serialization = () => Object.assign(new Error('could not serialize'), { code: '40001' });

describe('action pipeline: who may call', () => {
  it('refuses a missing session as UNAUTHORIZED and a role without the permission as FORBIDDEN, before running', async () => {
    const run = vi.fn(async () => ({ ok: true as const, data: 1 }));
    await expect(drive({ run }, { name: 'Ana' }, null)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Tu sesión terminó. Vuelve a entrar.',
    });
    await expect(drive({ run }, { name: 'Ana' }, 'operator')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: t('es', 'error.forbidden'),
    });
    expect(run).not.toHaveBeenCalled();
  });

  it('lets anyone call a PUBLIC action', async () => {
    const out = await drive(
      { permission: PUBLIC, run: async () => ({ ok: true, data: 'hecho' }) },
      { name: 'Ana' },
      null,
    );
    expect(out).toEqual({ ok: true, data: 'hecho' });
  });

  it('asks the policy about the record through the attributes the action reads', async () => {
    const run = vi.fn(async () => ({ ok: true as const, data: 1 }));
    const def = (listedApprover: boolean) => ({
      permission: 'content.approve' as const,
      resource: async () => ({ listedApprover }),
      run,
    });
    await expect(drive(def(false), { name: 'Ana' }, 'comms')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(run).not.toHaveBeenCalled();
    expect(await drive(def(true), { name: 'Ana' }, 'comms')).toEqual({ ok: true, data: 1 });
    await expect(
      drive({ permission: 'content.approve', resource: async () => null, run }, { name: 'Ana' }, 'admin'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('action pipeline: validation', () => {
  it('gives Spanish messages beside the fields, keeps what was typed and drops secrets', async () => {
    const out = await drive(
      {
        input: z.object({ email: z.email(), count: z.coerce.number().int(), password: z.string() }),
        run: async () => ({ ok: true, data: 1 }),
      },
      { email: 'no-es-correo', count: 'muchos', password: 'secreta-123' },
    );
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(Object.keys(out.errors).sort()).toEqual(['count', 'email']);
    for (const message of Object.values(out.errors)) {
      expect(message).toMatch(/inválid|se esperaba|forma esperada|falta este dato/i);
      expect(message).not.toMatch(/invalid|expected|received/i);
    }
    expect(out.values).toEqual({ email: 'no-es-correo', count: 'muchos' });
  });

  it('keeps our own schema messages', async () => {
    const out = await drive(
      {
        input: z.object({ name: z.string().min(2, 'Escribe el nombre completo.') }),
        run: async () => ({ ok: true, data: 1 }),
      },
      { name: 'A' },
    );
    expect(out).toMatchObject({ ok: false, errors: { name: 'Escribe el nombre completo.' } });
  });

  it('sends nothing back when every field is secret', async () => {
    const out = await drive(
      { secret: 'all', run: async () => ({ ok: false, formError: 'No.' }) },
      { name: 'Ana', password: 'x' },
    );
    expect(out).toEqual({ ok: false, errors: {}, formError: 'No.', values: {} });
  });
});

describe('action pipeline: results and errors', () => {
  it('maps a feature refusal to messages with the input kept, and passes its extra flags on', async () => {
    const out = await drive(
      { run: async () => ({ ok: false, errors: { name: 'Ya existe.' }, expired: true }) },
      { name: 'Ana', password: 'x' },
    );
    expect(out).toEqual({
      ok: false,
      errors: { name: 'Ya existe.' },
      values: { name: 'Ana' },
      expired: true,
    });
  });

  it('runs a writing action in one transaction, with the transaction as the context’s database', async () => {
    const { db, tx } = fakeDb();
    let seen: RequestContext | undefined;
    const out = await drive(
      {
        write: true,
        run: async (ctx) => {
          seen = ctx;
          return { ok: true, data: 1 };
        },
      },
      { name: 'Ana' },
      'admin',
      db,
    );
    expect(out).toEqual({ ok: true, data: 1 });
    expect(db.transactions).toBe(1);
    expect(seen!.db).toBe(tx);
    expect(seen!.user?.role).toBe('admin');
    expect(seen!.ip).toBe('10.0.0.1');
  });

  it('does not open a transaction for an action that manages its own', async () => {
    const { db } = fakeDb();
    await drive({ run: async () => ({ ok: true, data: 1 }) }, { name: 'Ana' }, 'admin', db);
    expect(db.transactions).toBe(0);
  });

  it('retries deadlocks and serialization failures, then succeeds', async () => {
    const failures = [deadlock(), serialization()];
    const run = vi.fn(async () => {
      const next = failures.shift();
      if (next) throw next;
      return { ok: true as const, data: 'guardado' };
    });
    const { db } = fakeDb();
    expect(await drive({ write: true, run }, { name: 'Ana' }, 'admin', db)).toEqual({
      ok: true,
      data: 'guardado',
    });
    expect(run).toHaveBeenCalledTimes(3);
    expect(db.transactions).toBe(3);
  });

  it('gives up after a bounded number of retries and says someone else changed it, with the input kept', async () => {
    const run = vi.fn(async (): Promise<{ ok: true; data: number }> => {
      throw deadlock();
    });
    const out = await drive({ write: true, run }, { name: 'Ana', password: 'x' });
    expect(run).toHaveBeenCalledTimes(MAX_RETRIES + 1);
    expect(out).toEqual({ ok: false, errors: {}, formError: MESSAGES.concurrent, values: { name: 'Ana' } });
    expect(MESSAGES.concurrent).toBe('Alguien más cambió esto al mismo tiempo; inténtalo de nuevo.');
  });

  it('does not re-run an action outside a transaction (part of it may have committed)', async () => {
    const run = vi.fn(async (): Promise<{ ok: true; data: number }> => {
      throw deadlock();
    });
    const out = await drive({ run }, { name: 'Ana' });
    expect(run).toHaveBeenCalledTimes(1);
    expect(out).toMatchObject({ ok: false, formError: MESSAGES.concurrent });
  });

  it('says the database is unreachable when it is, keeping what was typed', async () => {
    const out = await drive(
      {
        run: async (): Promise<{ ok: true; data: number }> => {
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        },
      },
      { name: 'Ana', password: 'x' },
    );
    expect(out).toEqual({ ok: false, errors: {}, formError: t('es', 'error.db'), values: { name: 'Ana' } });
  });

  it('maps conflicts, unique violations, bad data and mail outages to their own messages', async () => {
    const failing = (error: unknown) =>
      drive(
        {
          run: async (): Promise<{ ok: true; data: number }> => {
            throw error;
          },
        },
        { name: 'Ana' },
      );
    expect(await failing(new Conflict('Esa hora ya está tomada.'))).toMatchObject({
      formError: 'Esa hora ya está tomada.',
      values: { name: 'Ana' },
    });
    expect(await failing(Object.assign(new Error('dup'), { code: '23505' }))).toMatchObject({
      formError: MESSAGES.conflict,
    });
    expect(await failing(Object.assign(new Error('bad'), { code: '22021' }))).toMatchObject({
      formError: MESSAGES.badData,
    });
    expect(await failing(new MailUnavailable())).toMatchObject({
      formError: MESSAGES.mail,
      values: { name: 'Ana' },
    });
  });

  it('turns "not found" into a refusal, not a form message', async () => {
    const out = drive(
      {
        run: async (): Promise<{ ok: true; data: number }> => {
          throw notFound('Esa cuenta no existe.');
        },
      },
      { name: 'Ana' },
    );
    await expect(out).rejects.toBeInstanceOf(ActionRefusal);
    await expect(out).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Esa cuenta no existe.' });
  });
});
