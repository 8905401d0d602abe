import * as z from 'zod/mini';
import { multiLineMini, personNameMini, singleLineMini } from '~/lib/text-mini';
import { isRealDate } from '~/lib/time/calendar';
import { zoneCity, zoneOfActivity } from '~/lib/time/zones';

/*
 * The workshop request form's rules: ONE schema for the server action and the browser's live
 * validation. It is written with zod/mini and imports nothing heavy (no dictionary, no Temporal,
 * no phone metadata), so the form ships ≤ 40 KB of JavaScript. What needs those is passed in:
 * - `messages`: the dictionary's templates for the form's language (the server reads them with
 *   t(); the page hands the same strings to the browser), so both say exactly the same words;
 * - `phone` and `timeExists`: the server passes libphonenumber and the time module. The browser
 *   leaves them out, so there a phone is only checked for being there and not too long, and a
 *   time inside a daylight-saving gap is left to the server, whose message then shows beside the
 *   field. The browser never refuses what the server accepts (tests/unit/request-schema.test.ts).
 */

// Same lists as the database enums (schemas.ts checks them against drizzle's types).
export const INSTITUTION_TYPES = [
  'primaria',
  'secundaria',
  'preparatoria',
  'universidad',
  'empresa',
  'centro_comunitario',
  'gobierno',
  'otra',
] as const;
export const MODALITIES = ['presencial', 'en_linea'] as const;
export const MAX_WINDOWS = 3;
export const MAX_TOPICS = 5;
/** Longer than any real number with its spaces and dashes (the same cap as src/lib/phone.ts). */
export const MAX_PHONE_TYPED = 30;

/** Form field names of the preferred windows: w1Date, w1From, w1To … w3To. */
export const windowFields = (i: number) => ({ date: `w${i}Date`, from: `w${i}From`, to: `w${i}To` }) as const;

/** The dictionary keys the form's rules speak with. */
export const REQUEST_MESSAGE_KEYS = [
  'req.err.tooLong',
  'req.err.lineBreak',
  'req.err.invisible',
  'req.err.noLetter',
  'req.err.institutionName',
  'req.err.institutionType',
  'req.err.municipality',
  'req.err.address',
  'req.err.contactName',
  'req.err.contactRole',
  'req.err.email',
  'req.err.emailFormat',
  'req.err.phone',
  'req.err.topics',
  'req.err.topicsMax',
  'req.err.audienceDescription',
  'req.err.expectedCount',
  'req.err.modality',
  'req.err.consent',
  'req.err.windowRequired',
  'req.err.windowDate',
  'req.err.windowFuture',
  'req.err.windowTime',
  'req.err.windowOrder',
  'req.err.windowGap',
] as const;
export type RequestMessages = Record<(typeof REQUEST_MESSAGE_KEYS)[number], string>;

export interface RequestRules {
  messages: RequestMessages;
  /** Today in the organisation's zone ("YYYY-MM-DD"): a window must fall after it. */
  today: string;
  /** The organisation's zone: online windows are read in it. */
  timeZone: string;
  /** E.164 of a valid number, or null. Left out in the browser. */
  phone?: (typed: string) => string | null;
  /** False for a local time that does not exist in `zone` (a daylight-saving gap). Left out in the browser. */
  timeExists?: (date: string, time: string, zone: string) => boolean;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Fills `{placeholders}` as t() does. */
const fill = (template: string, params: Record<string, string | number> = {}) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));

/**
 * Input is what the form posts (strings; `topics` an array); output is typed and trimmed.
 * Issues carry the field's name as their path, for the message beside it.
 */
export function buildRequestSchema(rules: RequestRules) {
  const { messages: msg, today, timeZone } = rules;
  const tooLong = (max: number) => z.maxLength(max, fill(msg['req.err.tooLong'], { max }));
  const lines = { lineBreak: msg['req.err.lineBreak'], invisible: msg['req.err.invisible'] };
  const text = (min: number, max: number, required: string) =>
    singleLineMini({ required, ...lines }, z.trim(), z.minLength(min, required), tooLong(max));
  const name = (min: number, max: number, required: string) =>
    personNameMini(
      { required, ...lines, noLetter: msg['req.err.noLetter'] },
      z.trim(),
      z.minLength(min, required),
      tooLong(max),
    );
  const optional = (schema: z.ZodMiniString) => z._default(z.optional(schema), '');

  const phoneMessage = msg['req.err.phone'];
  const phoneTyped = singleLineMini({ required: phoneMessage }, z.trim(), z.minLength(1, phoneMessage));
  const checkPhone = rules.phone;
  const contactPhone = checkPhone
    ? z.pipe(
        phoneTyped.check(z.refine((v) => checkPhone(v) !== null, phoneMessage)),
        z.transform((v) => checkPhone(v)!),
      )
    : phoneTyped.check(z.maxLength(MAX_PHONE_TYPED, phoneMessage));

  const windowShape: Record<string, z.ZodMiniType> = {};
  for (let i = 1; i <= MAX_WINDOWS; i++) {
    const f = windowFields(i);
    for (const key of [f.date, f.from, f.to]) windowShape[key] = optional(z.string().check(z.trim()));
  }
  // Read here too: the windows are local times of the place (or of the office when online).
  windowShape.modality = optional(z.string());
  windowShape.municipalityId = optional(z.string());

  // Two halves parsed side by side (an intersection reports the issues of both), so the person
  // sees the window errors together with the others, not only after fixing everything else.
  const base = z.object({
    institutionName: text(3, 200, msg['req.err.institutionName']),
    institutionType: z.enum(INSTITUTION_TYPES, { error: msg['req.err.institutionType'] }),
    municipalityId: z
      .string({ error: msg['req.err.municipality'] })
      .check(z.regex(/^08\d{3}$/, msg['req.err.municipality'])),
    address: text(5, 300, msg['req.err.address']),
    contactName: name(3, 120, msg['req.err.contactName']),
    contactRole: text(2, 120, msg['req.err.contactRole']),
    contactEmail: z.pipe(
      z.pipe(
        z
          .string({ error: msg['req.err.email'] })
          .check(z.trim(), z.minLength(1, msg['req.err.email']), tooLong(254)),
        z.email({ error: msg['req.err.emailFormat'] }),
      ),
      z.transform((v: string) => v.toLowerCase()),
    ),
    contactPhone,
    topics: z.pipe(
      z
        .array(z.string().check(z.regex(/^\d{1,9}$/, msg['req.err.topics'])), {
          error: msg['req.err.topics'],
        })
        .check(
          z.minLength(1, msg['req.err.topics']),
          z.maxLength(MAX_TOPICS, fill(msg['req.err.topicsMax'], { max: MAX_TOPICS })),
        ),
      z.transform((ids: string[]) => [...new Set(ids.map(Number))]),
    ),
    // One field for who attends, with their grades or ages ("Edades" and "Grados" were merged).
    audienceDescription: text(3, 300, msg['req.err.audienceDescription']),
    // Only from an older copy of the form (the field was merged into the one above); stored as sent.
    audienceAges: optional(singleLineMini(lines, z.trim(), tooLong(120))),
    expectedCount: z
      .pipe(
        z
          .string({ error: msg['req.err.expectedCount'] })
          .check(z.trim(), z.regex(/^\d{1,5}$/, msg['req.err.expectedCount'])),
        z.transform(Number),
      )
      .check(z.refine((n: number) => n >= 1 && n <= 5000, msg['req.err.expectedCount'])),
    modality: z.enum(MODALITIES, { error: msg['req.err.modality'] }),
    notes: optional(multiLineMini({}, z.trim(), tooLong(2000))),
    consent: z.literal('on', { error: msg['req.err.consent'] }),
    privacyNoticeId: z.pipe(
      z.string({ error: msg['req.err.consent'] }).check(z.regex(/^\d{1,9}$/, msg['req.err.consent'])),
      z.transform(Number),
    ),
  });

  const windows = z.pipe(
    z.object(windowShape),
    z.transform((v: Record<string, unknown>, payload) => {
      const issue = (path: string, message: string) =>
        payload.issues.push({ code: 'custom', path: [path], message, input: v[path] });
      const out: { date: string; from: string; to: string }[] = [];
      for (let i = 1; i <= MAX_WINDOWS; i++) {
        const f = windowFields(i);
        const w = { date: String(v[f.date] ?? ''), from: String(v[f.from] ?? ''), to: String(v[f.to] ?? '') };
        if (!w.date && !w.from && !w.to) continue;
        let valid = true;
        if (!DATE.test(w.date) || !isRealDate(w.date)) {
          issue(f.date, msg['req.err.windowDate']);
          valid = false;
        } else if (w.date <= today) {
          issue(f.date, msg['req.err.windowFuture']);
          valid = false;
        }
        if (!TIME.test(w.from)) {
          issue(f.from, msg['req.err.windowTime']);
          valid = false;
        }
        if (!TIME.test(w.to)) {
          issue(f.to, msg['req.err.windowTime']);
          valid = false;
        } else if (TIME.test(w.from) && w.to <= w.from) {
          issue(f.to, msg['req.err.windowOrder']);
          valid = false;
        }
        if (valid && rules.timeExists) {
          // A time inside the place's daylight-saving gap does not exist (the rule in ~/lib/time).
          const zone = zoneOfActivity(
            { modality: String(v.modality), municipalityId: String(v.municipalityId) || null },
            timeZone,
          );
          for (const [field, time] of [
            [f.from, w.from],
            [f.to, w.to],
          ] as const) {
            if (!rules.timeExists(w.date, time, zone)) {
              issue(field, fill(msg['req.err.windowGap'], { city: zoneCity(zone) }));
              valid = false;
            }
          }
        }
        if (valid) out.push(w);
      }
      const typed = Array.from({ length: MAX_WINDOWS }, (_, i) => windowFields(i + 1)).some(
        (f) => v[f.date] || v[f.from] || v[f.to],
      );
      if (!typed) issue(windowFields(1).date, msg['req.err.windowRequired']);
      return { windows: out };
    }),
  );

  return z.pipe(
    z.intersection(base, windows),
    z.transform(({ consent: _consent, ...rest }) => rest),
  );
}

/** Field name → first message, as the form shows them. */
export function requestErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path.map(String).join('.') || '_form'] ??= issue.message;
  return errors;
}
