import type { StaffContext } from '~/lib/server/context';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { contentAssets, contentPostHistory, contentPosts } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { CONTENT_EDITORS, type ContentActor } from './permissions.server';
import { ASSET_MAX_BYTES, ASSET_TYPES } from './schemas';

export type AssetResult =
  | { ok: true; id: number }
  | { ok: false; errors: Record<string, string>; formError?: string; notFound?: boolean };

/**
 * What the bytes really are, from their first bytes: the browser's declared type is not
 * trusted (an "image" that is really HTML would be served back to staff).
 */
export function sniffType(bytes: Uint8Array): (typeof ASSET_TYPES)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return null;
}

export interface AssetInput {
  postId: number;
  altText: string;
  url: string;
  file: { name: string; bytes: Uint8Array } | null;
}

/** Adds an upload or a link, with its alt text, to a post. */
export async function addAsset(ctx: StaffContext<ContentActor>, input: AssetInput): Promise<AssetResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  if (!CONTENT_EDITORS.includes(actor.role))
    return { ok: false, errors: {}, formError: 'Tu rol solo puede consultar el calendario de contenido.' };
  if (!input.file && !input.url) return { ok: false, errors: { file: 'Sube un archivo o pega un enlace.' } };
  if (input.file && input.url)
    return { ok: false, errors: { url: 'Sube un archivo o pega un enlace, no ambos.' } };
  let mimeType: string | null = null;
  if (input.file) {
    if (input.file.bytes.byteLength > ASSET_MAX_BYTES)
      return { ok: false, errors: { file: 'El archivo pesa más de 5 MB. Redúcelo o comparte un enlace.' } };
    mimeType = sniffType(input.file.bytes);
    if (!mimeType)
      return {
        ok: false,
        errors: { file: 'Solo se aceptan imágenes PNG, JPG, WebP o GIF, y documentos PDF.' },
      };
  }
  return db.transaction(async (tx) => {
    const [post] = await tx
      .select({ id: contentPosts.id })
      .from(contentPosts)
      .where(eq(contentPosts.id, input.postId));
    if (!post) return { ok: false, errors: {}, notFound: true };
    const [row] = await tx
      .insert(contentAssets)
      .values({
        postId: input.postId,
        altText: input.altText,
        url: input.file ? null : input.url,
        filename: input.file ? safeFilename(input.file.name) : null,
        mimeType,
        sizeBytes: input.file?.bytes.byteLength ?? null,
        data: input.file?.bytes ?? null,
        createdById: actor.id,
      })
      .returning({ id: contentAssets.id });
    await tx.insert(contentPostHistory).values({
      postId: input.postId,
      kind: 'asset',
      actorUserId: actor.id,
      body: input.file ? `Subió «${safeFilename(input.file.name)}».` : 'Agregó un enlace a un recurso.',
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'content.asset.add',
      entity: 'content_post',
      entityId: input.postId,
      ip: meta.ip,
    });
    return { ok: true, id: row!.id };
  });
}

export async function removeAsset(
  ctx: StaffContext<ContentActor>,
  postId: number,
  assetId: number,
): Promise<boolean> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  if (!CONTENT_EDITORS.includes(actor.role)) return false;
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(contentAssets)
      .where(and(eq(contentAssets.id, assetId), eq(contentAssets.postId, postId)))
      .returning({ id: contentAssets.id });
    if (!rows.length) return false;
    await tx
      .insert(contentPostHistory)
      .values({ postId, kind: 'asset', actorUserId: actor.id, body: 'Quitó un recurso.' });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'content.asset.remove',
      entity: 'content_post',
      entityId: postId,
      ip: meta.ip,
    });
    return true;
  });
}

/** The stored bytes of an upload, for the download route. */
export async function getAssetFile(db: Executor, assetId: number) {
  const [row] = await db
    .select({
      data: contentAssets.data,
      mimeType: contentAssets.mimeType,
      filename: contentAssets.filename,
      altText: contentAssets.altText,
    })
    .from(contentAssets)
    .where(eq(contentAssets.id, assetId));
  if (!row?.data || !row.mimeType) return null;
  return { ...row, data: new Uint8Array(row.data) };
}

function safeFilename(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .trim()
    .slice(-120);
  return cleaned || 'archivo';
}
