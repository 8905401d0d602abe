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
    expect((await createCampaign(ctx.db, operator, campaign(), meta)).ok).toBe(false);
    expect(await createCampaign(ctx.db, comms, { ...campaign(), ownerId: operator.id }, meta)).toEqual({
      ok: false,
      errors: { ownerId: 'Elige a una persona activa de la lista.' },
    });
    const created = await createCampaign(ctx.db, comms, { ...campaign(), ownerId: comms.id }, meta);
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
    expect((await updateCampaign(ctx.db, comms, id, { ...results, ownerId: comms.id }, meta)).ok).toBe(true);
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
      await addAsset(
        ctx.db,
        comms,
        { postId: post!.id, altText: 'Una imagen', url: '', file: { name: 'foto.png', bytes: html } },
        meta,
      ),
    ).toEqual({
      ok: false,
      errors: { file: 'Solo se aceptan imágenes PNG, JPG, WebP o GIF, y documentos PDF.' },
    });
    expect(
      (
        await addAsset(
          ctx.db,
          comms,
          {
            postId: post!.id,
            altText: 'Una imagen',
            url: '',
            file: { name: 'x.png', bytes: new Uint8Array(5 * 1024 * 1024 + 1) },
          },
          meta,
        )
      ).ok,
    ).toBe(false);
    expect(
      (await addAsset(ctx.db, comms, { postId: post!.id, altText: 'Nada', url: '', file: null }, meta)).ok,
    ).toBe(false);
    const up = await addAsset(
      ctx.db,
      comms,
      {
        postId: post!.id,
        altText: 'Volante morado con el teléfono',
        url: '',
        file: { name: 'volante<1>.png', bytes: PNG },
      },
      meta,
    );
    expect(up.ok).toBe(true);
    const file = await getAssetFile(ctx.db, up.ok ? up.id : 0);
    expect(file!.mimeType).toBe('image/png');
    expect(file!.filename).toBe('volante_1_.png');
    expect([...file!.data]).toEqual([...PNG]);
    const link = await addAsset(
      ctx.db,
      comms,
      {
        postId: post!.id,
        altText: 'Video del taller',
        url: 'https://drive.google.com/file/d/abc',
        file: null,
      },
      meta,
    );
    expect(link.ok).toBe(true);
    // The database refuses an asset without alt text even if a caller skipped the schema.
    await expect(
      ctx.db.insert(contentAssets).values({ postId: post!.id, altText: '  ', url: 'https://x.mx' }),
    ).rejects.toThrow();
    const operator = await makeUser('operator');
    expect(await removeAsset(ctx.db, operator, post!.id, link.ok ? link.id : 0, meta)).toBe(false);
    expect(await removeAsset(ctx.db, comms, post!.id, link.ok ? link.id : 0, meta)).toBe(true);
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
    expect((await addApprover(ctx.db, admin, sup.id, meta)).ok).toBe(false);
    expect((await addApprover(ctx.db, admin, off.id, meta)).ok).toBe(false);
    expect((await addApprover(ctx.db, sup, lead.id, meta)).ok).toBe(false);
    expect((await addApprover(ctx.db, admin, lead.id, meta)).ok).toBe(true);
    expect((await addApprover(ctx.db, admin, lead.id, meta)).ok).toBe(true); // twice is harmless
    expect((await listApprovers(ctx.db)).filter((a) => a.userId === lead.id)).toHaveLength(1);
    expect((await removeApprover(ctx.db, admin, lead.id, meta)).ok).toBe(true);
    expect((await listApprovers(ctx.db)).map((a) => a.userId)).not.toContain(lead.id);
    const [row] = await ctx.db.select().from(users).where(eq(users.id, lead.id));
    expect(row!.role).toBe('comms'); // the users table is never touched
  });
});
