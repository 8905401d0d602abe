import { type Shift, dailyLogIsOpen, shiftWindow } from '~/features/cases';
import { annotateFloorEntry } from '~/features/floor/log.server';
import { AnnotateSchema } from '~/features/floor/schemas';
import type { FormActionDef } from '~/lib/server/action-pipeline';
import { signedIn } from '~/lib/server/context';

type AnnotateResult =
  | { ok: true; data: { day: string; shift: Shift } }
  | { ok: false; formError: string; errors?: Record<string, string> };

/**
 * A note on one of the person's own floor entries in the bitácora (a break, a field exit, a
 * meeting, a help request), while that shift's log is open: the bitácora freezes when closed.
 * Notes change; entries stay. (A plain definition, so tests drive it without Astro.)
 */
export const annotateAction: FormActionDef<typeof AnnotateSchema, AnnotateResult> = {
  permission: 'dailylog.write',
  input: AnnotateSchema,
  area: 'línea',
  write: true,
  run: async (ctx, input) => {
    const shift = input.shift as Shift;
    if (!(await dailyLogIsOpen(ctx.db, ctx.user!.id, input.day, shift)))
      return { ok: false, formError: 'Esta bitácora ya está cerrada: sus notas ya no cambian.' };
    const [table, id] = input.entry.split(':') as ['state' | 'help', string];
    const [from, to] = shiftWindow(input.day, shift, ctx.zone);
    const result = await annotateFloorEntry(signedIn(ctx), { table, id: Number(id) }, input.note, {
      from,
      to,
    });
    return result.ok
      ? { ok: true, data: { day: input.day, shift } }
      : { ok: false, formError: result.message };
  },
};
