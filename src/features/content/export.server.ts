import type { Executor } from '~db/client';
import { toCsv } from './csv';
import { CHANNEL_LABELS } from './limits';
import { listPosts } from './posts.server';
import { STATUS_LABELS } from './status';
import { addDays, zonedToUtc } from './time';

const PROMOTES_LABELS = { event: 'Evento', activity: 'Actividad' } as const;

/** The plan between two days (inclusive, organisation's zone) as CSV for Excel. */
export async function exportPlanCsv(
  db: Executor,
  range: { from: string; to: string },
  timeZone: string,
): Promise<string> {
  const posts = await listPosts(db, {
    from: zonedToUtc(`${range.from}T00:00`, timeZone)!,
    to: zonedToUtc(`${addDays(range.to, 1)}T00:00`, timeZone)!,
  });
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const time = new Intl.DateTimeFormat('es-MX', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
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
      day.format(p.plannedAt),
      time.format(p.plannedAt),
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
