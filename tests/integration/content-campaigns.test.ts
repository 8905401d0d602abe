import { makeStaffContext } from '~/lib/server/context';
import { deflateSync, inflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { contentAssets, contentPosts, users } from '~db/schema';
import { addAsset, getAssetFile, removeAsset, sniffType } from '~/features/content/assets.server';
import {
  createCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from '~/features/content/campaigns.server';
import {
  addApprover,
  listApproverCandidates,
  listApprovers,
  removeApprover,
} from '~/features/content/permissions.server';
import { CampaignSchema } from '~/features/content/schemas';
import { describeEachDb } from '../helpers/db';

const meta = { ip: null };
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** CRC-32 as PNG chunks use it. */
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A valid RGB PNG of the given size (stored, uncompressed: its size follows width × height). */
function makePng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, adaptive filtering, no interlace
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) raw.fill(0x7c, y * row + 1, (y + 1) * row); // filter 0, a purple-ish grey
  return Uint8Array.from(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw, { level: 0 })),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

describeEachDb('content campaigns, assets and approvers', (ctx) => {
  let n = 0;
  async function makeUser(role: 'admin' | 'supervisor' | 'operator' | 'comms', active = true) {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: `Gente ${++n}`,
        email: `g${n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`,
        role,
        active,
      })
      .returning();
    return { id: u!.id, role: u!.role };
  }
  const campaign = (over: Record<string, string> = {}) =>
    CampaignSchema.parse({
      name: 'Escuelas sin acoso',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      color: '#1D4ED8',
      ...over,
    });

  it('creates a campaign, records its results, and refuses operators and bad owners', async () => {
    const comms = await makeUser('comms');
    const operator = await makeUser('operator');
    expect(
      await createCampaign(makeStaffContext({ db: ctx.db, user: operator, ip: meta.ip }), campaign()),
    ).toEqual({
      ok: false,
      errors: {},
      formError: 'Tu rol solo puede consultar el calendario de contenido.',
    });
    expect(
      await createCampaign(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
        ...campaign(),
        ownerId: operator.id,
      }),
    ).toEqual({
      ok: false,
      errors: { ownerId: 'Elige a una persona activa de la lista.' },
    });
    const created = await createCampaign(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
      ...campaign(),
      ownerId: comms.id,
    });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : 0;
    const results = campaign({
      status: 'finished',
      resultReach: '48,300',
      resultCalls: '37',
      resultRegistrations: '120',
      resultNotes: 'Funcionó mejor en Instagram.',
    });
    expect(results.resultReach).toBe(48_300);
    expect(
      (
        await updateCampaign(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), id, {
          ...results,
          ownerId: comms.id,
        })
      ).ok,
    ).toBe(true);
    const found = await getCampaign(ctx.db, id);
    expect(found!.campaign).toMatchObject({
      status: 'finished',
      resultReach: 48_300,
      resultCalls: 37,
      resultRegistrations: 120,
      color: '#1d4ed8',
    });
    expect((await listCampaigns(ctx.db)).find((c) => c.id === id)?.ownerName).toBe(`Gente ${n - 1}`);
  });

  it('validates campaign dates and results in Spanish', () => {
    const r = CampaignSchema.safeParse({
      name: 'X',
      startsOn: '2026-11-30',
      endsOn: '2026-11-01',
      color: 'rojo',
      resultCalls: '-3',
    });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toMatchObject({
      name: 'Escribe el nombre de la campaña.',
      color: 'Elige un color.',
      resultCalls: 'Escribe un número entero, 0 o mayor.',
    });
  });

  it('stores uploads whose bytes are really an allowed type, and links, always with alt text', async () => {
    const comms = await makeUser('comms');
    const [post] = await ctx.db
      .insert(contentPosts)
      .values({ title: 'Volante', channels: ['print'], plannedAt: new Date(Date.now() + 86_400_000) })
      .returning();
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    expect(
      await addAsset(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
        postId: post!.id,
        altText: 'Una imagen',
        url: '',
        file: { name: 'foto.png', bytes: html },
      }),
    ).toEqual({
      ok: false,
      errors: { file: 'Solo se aceptan imágenes PNG, JPG, WebP o GIF, y documentos PDF.' },
    });
    // A real PNG just over 5 MB is refused for its size, with the reason beside the field…
    const big = makePng(1_300, 1_400);
    expect(big.byteLength).toBeGreaterThan(5 * 1024 * 1024);
    expect(sniffType(big)).toBe('image/png');
    // Its one IDAT chunk (after the 8-byte signature and the 25-byte IHDR) inflates to every row.
    expect(big.subarray(37, 41)).toEqual(new TextEncoder().encode('IDAT'));
    expect(inflateSync(big.subarray(41, big.byteLength - 4 - 12)).byteLength).toBe(1_400 * (1 + 1_300 * 3));
    expect(
      await addAsset(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
        postId: post!.id,
        altText: 'Una imagen',
        url: '',
        file: { name: 'grande.png', bytes: big },
      }),
    ).toEqual({ ok: false, errors: { file: 'El archivo pesa más de 5 MB. Redúcelo o comparte un enlace.' } });
    // …while the same kind of PNG under the limit is stored: only the size decided.
    const fits = makePng(1_000, 1_000);
    expect(fits.byteLength).toBeLessThan(5 * 1024 * 1024);
    expect(
      await addAsset(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
        postId: post!.id,
        altText: 'Una imagen gris',
        url: '',
        file: { name: 'cabe.png', bytes: fits },
      }),
    ).toMatchObject({ ok: true });
    expect(
      await addAsset(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
        postId: post!.id,
        altText: 'Nada',
        url: '',
        file: null,
      }),
    ).toEqual({ ok: false, errors: { file: 'Sube un archivo o pega un enlace.' } });
    const up = await addAsset(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
      postId: post!.id,
      altText: 'Volante morado con el teléfono',
      url: '',
      file: { name: 'volante<1>.png', bytes: PNG },
    });
    expect(up.ok).toBe(true);
    const file = await getAssetFile(ctx.db, up.ok ? up.id : 0);
    expect(file!.mimeType).toBe('image/png');
    expect(file!.filename).toBe('volante_1_.png');
    expect([...file!.data]).toEqual([...PNG]);
    const link = await addAsset(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
      postId: post!.id,
      altText: 'Video del taller',
      url: 'https://drive.google.com/file/d/abc',
      file: null,
    });
    expect(link.ok).toBe(true);
    // The database refuses an asset without alt text even if a caller skipped the schema.
    await expect(
      ctx.db.insert(contentAssets).values({ postId: post!.id, altText: '  ', url: 'https://x.mx' }),
    ).rejects.toThrow();
    const operator = await makeUser('operator');
    expect(
      await removeAsset(
        makeStaffContext({ db: ctx.db, user: operator, ip: meta.ip }),
        post!.id,
        link.ok ? link.id : 0,
      ),
    ).toBe(false);
    expect(
      await removeAsset(
        makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }),
        post!.id,
        link.ok ? link.id : 0,
      ),
    ).toBe(true);
    expect(sniffType(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]))).toBe('application/pdf');
    expect(sniffType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('lets only admins list comms users as approvers', async () => {
    const admin = await makeUser('admin');
    const lead = await makeUser('comms');
    const sup = await makeUser('supervisor');
    const off = await makeUser('comms', false);
    expect((await listApproverCandidates(ctx.db)).map((c) => c.id)).toContain(lead.id);
    expect((await listApproverCandidates(ctx.db)).map((c) => c.id)).not.toContain(off.id);
    expect(await addApprover(makeStaffContext({ db: ctx.db, user: admin, ip: meta.ip }), sup.id)).toEqual({
      ok: false,
      errors: {
        userId: 'Solo hace falta agregar a personas de Comunicación: coordinación y supervisión ya aprueban.',
      },
    });
    expect(await addApprover(makeStaffContext({ db: ctx.db, user: admin, ip: meta.ip }), off.id)).toEqual({
      ok: false,
      errors: { userId: 'Elige una persona activa de la lista.' },
    });
    expect(await addApprover(makeStaffContext({ db: ctx.db, user: sup, ip: meta.ip }), lead.id)).toEqual({
      ok: false,
      errors: { userId: 'Solo coordinación puede cambiar quién aprueba.' },
    });
    expect((await addApprover(makeStaffContext({ db: ctx.db, user: admin, ip: meta.ip }), lead.id)).ok).toBe(
      true,
    );
    expect((await addApprover(makeStaffContext({ db: ctx.db, user: admin, ip: meta.ip }), lead.id)).ok).toBe(
      true,
    ); // twice is harmless
    expect((await listApprovers(ctx.db)).filter((a) => a.userId === lead.id)).toHaveLength(1);
    expect(
      (await removeApprover(makeStaffContext({ db: ctx.db, user: admin, ip: meta.ip }), lead.id)).ok,
    ).toBe(true);
    expect((await listApprovers(ctx.db)).map((a) => a.userId)).not.toContain(lead.id);
    const [row] = await ctx.db.select().from(users).where(eq(users.id, lead.id));
    expect(row!.role).toBe('comms'); // the users table is never touched
  });
});
