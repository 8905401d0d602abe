import { ActionError, defineAction } from 'astro:actions';
import { SettingsSchema } from '~/features/settings/schemas';
import { saveSettings } from '~/features/settings/settings.server';
import { t } from '~/i18n';
import { hasRole } from '~/lib/server/access';
import { getDb } from '~/lib/server/db';
import { type FormResult, fieldErrors, formToObject, invalid, safeValues } from '~/lib/forms';
import { log } from '~/lib/server/log';

export const settings = {
  save: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ changed: string[] }>> => {
      if (!hasRole(ctx.locals.user, ['admin']))
        throw new ActionError({ code: 'FORBIDDEN', message: t('es', 'error.forbidden') });
      const values = formToObject(form);
      const parsed = SettingsSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const changed = await saveSettings(await getDb(), ctx.locals.user!, parsed.data, ctx.locals.ip);
        return { ok: true, data: { changed } };
      } catch (error) {
        log.error({ area: 'ajustes', err: error }, 'error al guardar');
        return invalid({}, safeValues(values), t('es', 'error.db'));
      }
    },
  }),
};
