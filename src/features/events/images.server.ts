import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { eventImages, events } from '~db/schema';

/** Largest cover image accepted. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/**
 * The image type from its first bytes, whatever the file name or the browser claims: JPEG
 * (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A) or WebP (RIFF….WEBP). Anything else is refused.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export type ImageCheck = { ok: true; bytes: Buffer; type: ImageType } | { ok: false; error: string };

/** Size and type checks for an uploaded cover; messages are for the staff form. */
export async function checkCoverUpload(file: File): Promise<ImageCheck> {
  if (file.size === 0) return { ok: false, error: 'El archivo está vacío.' };
  if (file.size > MAX_IMAGE_BYTES)
    return { ok: false, error: 'La imagen pesa más de 2 MB: redúcela e inténtalo de nuevo.' };
  const bytes = Buffer.from(await file.arrayBuffer());
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, error: 'La portada debe ser una imagen JPEG, PNG o WebP.' };
  return { ok: true, bytes, type };
}

export async function storeImage(
  db: Executor,
  image: { bytes: Buffer; type: ImageType },
  uploadedBy: number,
): Promise<number> {
  const [row] = await db
    .insert(eventImages)
    .values({
      contentType: image.type,
      bytes: image.bytes,
      size: image.bytes.length,
      sha256: createHash('sha256').update(image.bytes).digest('hex'),
      uploadedBy,
    })
    .returning({ id: eventImages.id });
  return row!.id;
}

/**
 * A cover for the image endpoint. The public sees only covers of events that are published or
 * cancelled (drafts stay private); staff see any.
 */
export async function getCoverImage(db: Executor, id: number, staff: boolean) {
  const [row] = await db
    .select({
      bytes: eventImages.bytes,
      contentType: eventImages.contentType,
      sha256: eventImages.sha256,
      status: events.status,
    })
    .from(eventImages)
    .leftJoin(events, eq(events.coverImageId, eventImages.id))
    .where(eq(eventImages.id, id));
  if (!row) return null;
  if (!staff && (row.status === null || row.status === 'draft')) return null;
  return row;
}
