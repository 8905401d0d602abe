import { SettingsSchema } from '~/features/settings/schemas';
import { saveSettings } from '~/features/settings/settings.server';
import { formAction } from '~/lib/server/action';

export const settings = {
  save: formAction({
    permission: 'admin.settings',
    input: SettingsSchema,
    area: 'ajustes',
    write: true,
    run: async (ctx, input) => ({ ok: true, data: { changed: await saveSettings(ctx, input) } }),
  }),
};
