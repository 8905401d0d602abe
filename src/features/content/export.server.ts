import type { Executor } from '~db/client';
import { toCsv } from './csv';
import { CHANNEL_LABELS } from './limits';
import { listPosts } from './posts.server';
import { STATUS_LABELS } from './status';
import { formatInstant, localDay, startOfDay } from '~/lib/time';

const PROMOTES_LABELS = { event: 'Evento', activity: 'Actividad' } as const;

/** The plan between two days (inclusive, organisation's zone) as CSV for Excel. */
export async function exportPlanCsv(
  db: Executor,
  range: { from: string; to: string },
  timeZone: string,
): Promise<string> {
  const posts = await listPosts(db, {
    from: startOfDay(range.from, timeZone),
    to: startOfDay(range.to, timeZone, 1),
  });
  return toCsv(
    [
      'Fecha',
      'Hora',
      'Título',
      'Campaña',
      'Canales',
      'Estado',
      'Responsable',
      'Idioma',
      'Texto',
      'Promueve',
      'Publicada en',
      'Enlace publicado',
    ],
    posts.map((p) => [
      localDay(p.plannedAt, timeZone),
      formatInstant(p.plannedAt, 'time', timeZone),
      p.title,
      p.campaignName ?? '',
      p.channels.map((c) => CHANNEL_LABELS[c]).join(', '),
      STATUS_LABELS[p.status],
      p.assigneeName ?? '',
      p.language,
      p.copy,
      p.promotesKind ? `${PROMOTES_LABELS[p.promotesKind]}: ${p.promotesTitle ?? ''}` : '',
      p.publishedWhere ?? '',
      p.publishedUrl ?? '',
    ]),
  );
}
