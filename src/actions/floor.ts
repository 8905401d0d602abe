import { answerHelp, changeState, closeHelp, raiseHelp } from '~/features/floor/floor.server';
import { setAlertSound } from '~/features/floor/prefs.server';
import { setFloorRetentionMonths } from '~/features/floor/retention.server';
import {
  HelpIdSchema,
  RaiseHelpSchema,
  RetentionMonthsSchema,
  SetStateSchema,
  SoundSchema,
} from '~/features/floor/schemas';
import { annotateAction } from './floor-annotate';
import { formAction } from '~/lib/server/action';
import { type RequestContext, signedIn } from '~/lib/server/context';
import { safeNext } from '~/lib/safe-next';

const actorOf = (ctx: RequestContext) => ({ id: ctx.user!.id, role: ctx.user!.role });

export const floor = {
  /** The header widget: one click, one state. Sends the person back to where they were. */
  setState: formAction({
    permission: 'floor.state',
    input: SetStateSchema,
    area: 'línea',
    malformed: 'Elige un estado de la lista.',
    write: true,
    run: async (ctx, input) => {
      const result = await changeState(ctx.db, actorOf(ctx), input, ctx.now());
      return { ok: true as const, data: { changed: result.changed, next: safeNext(input.next) } };
    },
  }),
  raiseHelp: formAction({
    permission: 'floor.state',
    input: RaiseHelpSchema,
    area: 'línea',
    write: true,
    run: async (ctx, input) => {
      const result = await raiseHelp(ctx.db, actorOf(ctx), input, ctx.now());
      return { ok: true as const, data: result };
    },
  }),
  answerHelp: formAction({
    permission: 'floor.state',
    input: HelpIdSchema,
    area: 'línea',
    malformed: 'No encontramos esa solicitud de apoyo.',
    write: true,
    run: async (ctx, input) => {
      const result = await answerHelp(ctx.db, actorOf(ctx), input.id, ctx.now());
      return result.ok
        ? { ok: true as const, data: { id: input.id } }
        : { ok: false as const, formError: result.message };
    },
  }),
  /** "Ya no es necesario". */
  closeHelp: formAction({
    permission: 'floor.state',
    input: HelpIdSchema,
    area: 'línea',
    malformed: 'No encontramos esa solicitud de apoyo.',
    write: true,
    run: async (ctx, input) => {
      const result = await closeHelp(ctx.db, actorOf(ctx), input.id, ctx.now());
      return result.ok
        ? { ok: true as const, data: { id: input.id } }
        : { ok: false as const, formError: result.message };
    },
  }),
  /** A note on a floor entry of one's own open bitácora (the definition is in ./floor-annotate). */
  annotate: formAction({ ...annotateAction, permission: 'dailylog.write' }),
  /** The alert sound, on or off (off until the person turns it on). */
  setSound: formAction({
    permission: 'floor.state',
    input: SoundSchema,
    area: 'línea',
    malformed: 'Elige si quieres sonido.',
    write: true,
    run: async (ctx, input) => {
      await setAlertSound(signedIn(ctx), input.sound === 'on');
      return { ok: true as const, data: { next: safeNext(input.next) } };
    },
  }),
  /** How long the state history is kept (admins; audited). */
  setRetention: formAction({
    permission: 'admin.retention',
    input: RetentionMonthsSchema,
    area: 'línea',
    write: true,
    run: async (ctx, input) => {
      await setFloorRetentionMonths(signedIn(ctx), input.months);
      return { ok: true as const, data: { months: input.months } };
    },
  }),
};
