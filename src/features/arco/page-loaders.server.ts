import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import { formState } from '~/lib/server/action';
import { getCurrentPrivacyNotice } from '~/lib/server/privacy';
import { requestContext } from '~/lib/server/request-context';
import { findArcoByToken } from './intake.server';
import type { ArcoLocale } from './labels';

/*
 * Loaders called from page frontmatter (the es and en pages share them). They run before any
 * output, so they may still set the response status.
 */

const DB_DOWN = {
  es: 'No pudimos conectarnos a la base de datos. Lo que escribiste sigue aquí: inténtalo en unos minutos, o llámanos.',
  en: 'We could not reach the database. What you typed is still here: try again in a few minutes, or call us.',
};

export async function loadArcoForm(Astro: AstroGlobal, locale: ArcoLocale) {
  const result = formState(Astro, actions.arco.submit);
  const { done, failed } = result;
  let notice: Awaited<ReturnType<typeof getCurrentPrivacyNotice>> = null;
  let loadFailed = false;
  if (!done) {
    try {
      notice = await getCurrentPrivacyNotice((await requestContext(Astro)).db, 'integral');
    } catch {
      loadFailed = true;
    }
  }
  if (loadFailed) Astro.response.status = 503;
  return {
    done,
    errors: failed?.errors ?? {},
    values: failed?.values ?? {},
    formError: failed?.formError ?? (result.error ? result.error.message : undefined),
    loadFailed,
    loadFailedMessage: DB_DOWN[locale],
    notice,
  };
}
export type ArcoFormData = Awaited<ReturnType<typeof loadArcoForm>>;

/** The private status page: 404 for a token that does not match, 503 when the database is down. */
export async function loadArcoStatus(Astro: AstroGlobal) {
  const token = Astro.params.token ?? '';
  try {
    const data = await findArcoByToken(await requestContext(Astro), token);
    if (!data) Astro.response.status = 404;
    return { data, failed: false };
  } catch {
    Astro.response.status = 503;
    return { data: null, failed: true };
  }
}
export type ArcoStatusData = Awaited<ReturnType<typeof loadArcoStatus>>;
