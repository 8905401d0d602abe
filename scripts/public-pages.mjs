// The public pages every whole-site check goes through, and the posts that make the private ones:
// one list for scripts/lighthouse.mjs (Lighthouse) and tests/e2e/public-checks.spec.ts (the Nu Html
// Checker). The pages: the sitemap's (es and en), the error pages below, and the private pages a
// visitor reaches from a mail or a form, made by posting the public forms with the fields here as
// a browser without JavaScript would.

/**
 * Pages that answer 404 on purpose, with their label: an address that does not exist, a constancia
 * code that does not.
 * @type {Array<[string, string]>}
 */
export const ERROR_PAGES = [
  ['/no-existe', '/no-existe (404)'],
  ['/en/no-existe', '/en/no-existe (404)'],
  ['/constancia/ABCD2345EFGH6789JK', '/constancia/‹unknown code›'],
  ['/en/constancia/ABCD2345EFGH6789JK', '/en/constancia/‹unknown code›'],
];

/**
 * The paths of a sitemap.xml.
 * @param {string} xml
 * @returns {string[]}
 */
export const sitemapPaths = (xml) =>
  [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);

/**
 * The first group of `re` in `html`, or ''.
 * @param {string} html
 * @param {RegExp} re
 */
export const attr = (html, re) => re.exec(html)?.[1] ?? '';

/**
 * A date `days` ahead in the organisation's zone (Chihuahua), as the date input sends it.
 * @param {number} days
 */
export const ahead = (days) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chihuahua' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

/** The anti-spam fields of a person who took ten seconds over the form. */
const spam = () => ({ startedAt: String(Date.now() - 10_000), website: '' });
const noticeId = (/** @type {string} */ html) => attr(html, /name="privacyNoticeId" value="(\d+)"/);

/**
 * A valid workshop request, from the form page's HTML (for the notice and a topic).
 * @param {string} formHtml  the page /talleres/solicitar (or /en/…)
 * @param {string} locale  'es' or 'en'
 * @param {string} email
 * @returns {Record<string, string>}
 */
export const requestFields = (formHtml, locale, email) => ({
  locale,
  ...spam(),
  privacyNoticeId: noticeId(formHtml),
  institutionName: 'Secundaria Técnica 56',
  institutionType: 'secundaria',
  municipalityId: '08019',
  address: 'Av. Tecnológico 4101, Chihuahua',
  contactName: 'Patricia Loya Holguín',
  contactRole: 'Directora',
  contactEmail: email,
  contactPhone: '614 410 2020',
  topics: attr(formHtml, /name="topics" value="(\d+)"/),
  audienceDescription: 'Tercer grado (14 y 15 años)',
  expectedCount: '90',
  modality: 'presencial',
  w1Date: ahead(15),
  w1From: '10:00',
  w1To: '12:00',
  consent: 'on',
});

/**
 * The privacy notice id an event page's sign-up form carries; '' when it has no open form.
 * @param {string} eventHtml
 */
export const registrationNotice = (eventHtml) => noticeId(eventHtml);

/**
 * A valid individual sign-up to the event `slug`.
 * @param {string} slug
 * @param {string} notice  from registrationNotice
 * @param {string} locale
 * @param {string} email
 * @returns {Record<string, string>}
 */
export const registrationFields = (slug, notice, locale, email) => ({
  slug,
  locale,
  privacyNoticeId: notice,
  name: 'Iván Chávez Terrazas',
  email,
  phone: '',
  municipalityId: '08019',
  heardFrom: 'redes_sociales',
  registrationType: 'individual',
  institutionName: '',
  groupSize: '',
  accessibilityNeeds: '',
  consent: 'on',
});

/**
 * The event slugs an events list links to, in order.
 * @param {string} listHtml  the page /eventos
 * @returns {string[]}
 */
export const eventSlugs = (listHtml) =>
  [...listHtml.matchAll(/href="\/eventos\/([a-z0-9-]+)"/g)].map((m) => /** @type {string} */ (m[1]));

/**
 * A valid ARCO access request, from the form page's HTML (for the notice).
 * @param {string} formHtml  the page /derechos-arco (or /en/…)
 * @param {string} locale
 * @param {string} email
 * @returns {Record<string, string>}
 */
export const arcoFields = (formHtml, locale, email) => ({
  locale,
  ...spam(),
  privacyNoticeId: noticeId(formHtml),
  right: 'access',
  requesterKind: 'self',
  holderName: 'Martha Alicia Ontiveros Peña',
  representativeName: '',
  email,
  phone: '',
  referenceKind: 'request',
  reference: 'La plática de la secundaria',
  description: 'Quiero saber qué datos míos tienen.',
  identityMethod: 'in_person',
  consent: 'on',
});
