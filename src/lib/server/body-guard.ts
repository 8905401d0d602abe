import { MAX_FORM_FIELDS } from '~/lib/forms';
import { renderErrorPage } from './error-page';

/**
 * Request bodies are checked here, in the middleware, before Astro or a page parses them: the
 * size (per form), the number of fields, and the content type. Whatever fails is answered with a
 * Spanish page (413, 415 or 400) and never reaches a handler, so a hostile body costs one linear
 * scan of at most the form's byte limit and cannot stall other requests.
 */

const KiB = 1024;
const MiB = 1024 * KiB;

/** What a form body may weigh unless listed below: Astro's own default for actions. */
export const DEFAULT_BODY_LIMIT = 1 * MiB;
/** Room for the other fields and the multipart framing around a file. */
const FORM_SLACK = 64 * KiB;
/** What the staff event forms may weigh: room for a cover up to 10 MB to be refused politely. */
export const EVENT_FORM_LIMIT = 10 * MiB + FORM_SLACK;

/**
 * Forms that carry a file. The files' own limits (5 MB content assets, 2 MB event covers) are
 * checked by their features with a message beside the field; these limits only let such a file
 * through to that check. `security.actionBodySizeLimit` in astro.config.mjs must be at least the
 * largest action limit here.
 */
const UPLOAD_LIMITS: { matches: (url: URL) => boolean; bytes: number }[] = [
  {
    // Event covers (2 MB): the staff event forms. A bigger photo (a phone's is 3–8 MB) still
    // reaches the action, which answers beside the field and keeps what was typed; only past
    // this would the person get the bare 413 page (issue 12 #8).
    matches: (url) => /^events\.(createEvent|updateEvent)$/.test(actionName(url) ?? ''),
    bytes: EVENT_FORM_LIMIT,
  },
  {
    // Content assets (5 MB) post to the post's page rather than to an action.
    matches: (url) =>
      actionName(url) === null && /^\/app\/contenido\/publicaciones\/[^/]+\/?$/.test(url.pathname),
    bytes: 5 * MiB + FORM_SLACK,
  },
];

function actionName(url: URL): string | null {
  if (url.pathname.startsWith('/_actions/'))
    return url.pathname.slice('/_actions/'.length).replace(/\/$/, '');
  return url.searchParams.get('_action');
}

/**
 * The actions the staff islands call with JSON (`accept: 'json'`, the default of defineAction).
 * Every other action accepts forms only, so JSON sent to it is answered here with a Spanish 415
 * instead of Astro's English one. A new JSON action must be added here.
 */
export const JSON_ACTIONS: ReadonlySet<string> = new Set([
  'cases.saveDraft',
  'content.movePost',
  'scheduling.moveActivity',
  'scheduling.undoMove',
]);

/** Page endpoints (not actions) that take JSON: the check-in island's taps. */
const JSON_ENDPOINTS: readonly RegExp[] = [/^\/app\/eventos\/\d+\/asistencia\/marcar\/?$/];

export function bodyLimitFor(url: URL): number {
  return UPLOAD_LIMITS.find((limit) => limit.matches(url))?.bytes ?? DEFAULT_BODY_LIMIT;
}

class TooLarge extends Error {}

/** Reads at most `limit` bytes of a copy of the body; the request itself stays readable. */
async function readCopy(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const body = request.clone().body;
  if (!body) return new Uint8Array(new ArrayBuffer(0));
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      // Not awaited: cancelling one branch of a tee settles only when the other is cancelled
      // too, and the request's own branch is left to the server, which drops it.
      reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(new ArrayBuffer(received));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Fields in an urlencoded body: one per `&`-separated piece that is not empty. */
function countUrlencodedFields(bytes: Uint8Array): number {
  const AMP = 0x26;
  let fields = 0;
  let pieceLength = 0;
  for (const byte of bytes) {
    if (byte === AMP) {
      if (pieceLength > 0) fields++;
      pieceLength = 0;
    } else pieceLength++;
  }
  return pieceLength > 0 ? fields + 1 : fields;
}

/** Parts in a multipart body: occurrences of the delimiter, less the closing one. */
function countMultipartParts(bytes: Uint8Array, boundary: string): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  let parts = 0;
  for (let at = buffer.indexOf(delimiter); at !== -1; at = buffer.indexOf(delimiter, at + delimiter.length))
    parts++;
  return Math.max(0, parts - 1);
}

function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

/**
 * `null` when the body may go on to the page or action; otherwise the answer to give.
 * Only POST (and PUT/PATCH) requests with a body are looked at.
 */
export async function checkRequestBody(request: Request, url: URL): Promise<Response | null> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return null;
  const staff = url.pathname === '/app' || url.pathname.startsWith('/app/');
  const refuse = (status: number, kind: 'tooLarge' | 'badRequest' | 'unsupportedType') =>
    renderErrorPage(status, kind, { staff });
  const contentType = (request.headers.get('content-type') ?? '').trim();
  const declared = request.headers.get('content-length');
  const limit = bodyLimitFor(url);
  if (declared !== null && Number(declared) > limit) return refuse(413, 'tooLarge');
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const isJsonAction =
    (url.pathname.startsWith('/_actions/') && JSON_ACTIONS.has(actionName(url) ?? '')) ||
    JSON_ENDPOINTS.some((pattern) => pattern.test(url.pathname));
  const allowed =
    type === 'application/x-www-form-urlencoded' ||
    type === 'multipart/form-data' ||
    (isJsonAction && type === 'application/json');
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readCopy(request, limit);
  } catch (error) {
    if (error instanceof TooLarge) return refuse(413, 'tooLarge');
    return refuse(400, 'badRequest');
  }
  // A POST with no body at all (a bare button) is fine; a body with no type is not a form.
  if (!contentType && bytes.byteLength === 0) return null;
  if (!allowed) return refuse(415, 'unsupportedType');
  if (type === 'application/json') {
    try {
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      return refuse(400, 'badRequest');
    }
    return null;
  }
  if (type === 'application/x-www-form-urlencoded') {
    return countUrlencodedFields(bytes) > MAX_FORM_FIELDS ? refuse(413, 'tooLarge') : null;
  }
  const boundary = boundaryOf(contentType);
  if (!boundary) return refuse(400, 'badRequest');
  if (countMultipartParts(bytes, boundary) > MAX_FORM_FIELDS) return refuse(413, 'tooLarge');
  // A multipart body the parser cannot read is a damaged form, not a server error.
  try {
    await new Request(url, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: bytes,
    }).formData();
  } catch {
    return refuse(400, 'badRequest');
  }
  return null;
}
