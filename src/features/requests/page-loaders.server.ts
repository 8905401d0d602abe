import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import { type Locale, t } from '~/i18n';
import { getDb } from '~/lib/server/db';
import { getCurrentPrivacyNotice, getPrivacyNotice } from '~/lib/server/privacy';
import { listActiveWorkshops, listMunicipalities } from './catalogue.server';
import { formState } from '~/lib/server/action';
import { USUAL_MUNICIPALITIES, sortByName } from '~/lib/sort';

/*
 * Loaders called from page frontmatter (es and en pages share them). They run before any
 * output, so they may still set the response status — a child component cannot.
 */

export async function loadPrivacyPage(Astro: AstroGlobal) {
  const requested = Astro.url.searchParams.get('version');
  let current: Awaited<ReturnType<typeof getCurrentPrivacyNotice>> = null;
  let shown: Awaited<ReturnType<typeof getCurrentPrivacyNotice>> = null;
  let failed = false;
  try {
    const db = await getDb();
    current = await getCurrentPrivacyNotice(db, 'integral');
    // ?version=2026-1 shows the text a requester consented to, even after a newer one is published.
    shown =
      requested !== null
        ? /^[\w.-]{1,40}$/.test(requested)
          ? await getPrivacyNotice(db, 'integral', requested)
          : null
        : current;
  } catch {
    failed = true;
  }
  Astro.response.status = failed ? 503 : shown ? 200 : 404;
  return { current, shown, failed };
}
export type PrivacyPageData = Awaited<ReturnType<typeof loadPrivacyPage>>;

export async function loadRequestForm(Astro: AstroGlobal, locale: Locale) {
  const result = formState(Astro, actions.requests.submit);
  const { done, failed: state } = result;
  const formError = state?.formError ?? (result.error ? t(locale, 'error.server') : undefined);
  let loadFailed = false;
  let topics: Awaited<ReturnType<typeof listActiveWorkshops>> = [];
  let places: Awaited<ReturnType<typeof listMunicipalities>> = [];
  let notice: Awaited<ReturnType<typeof getCurrentPrivacyNotice>> = null;
  if (!done) {
    try {
      const db = await getDb();
      [topics, places, notice] = await Promise.all([
        listActiveWorkshops(db),
        listMunicipalities(db).then((list) =>
          // Chihuahua and Juárez first (most requests), then the rest as a Spanish dictionary sorts them.
          sortByName(list, (p) => p.name, { first: USUAL_MUNICIPALITIES, key: (p) => p.id }),
        ),
        getCurrentPrivacyNotice(db, 'integral'),
      ]);
    } catch {
      loadFailed = true;
    }
  }
  if (loadFailed || formError === t(locale, 'error.db')) Astro.response.status = 503;
  else if (state || result.error) Astro.response.status = 400;
  return {
    done,
    errors: state?.errors ?? {},
    values: state?.values ?? {},
    formError,
    loadFailed,
    topics,
    places,
    notice,
  };
}
export type RequestFormData = Awaited<ReturnType<typeof loadRequestForm>>;
