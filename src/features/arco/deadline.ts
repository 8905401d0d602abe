import {
  type DayRange,
  type RestDay,
  addBusinessDays,
  businessDaysBetween,
  restDaysBetween,
} from '~/lib/time';

/** Business days to answer an ARCO request, and then to make the answer effective (LFPDPPP). */
export const ANSWER_BUSINESS_DAYS = 20;
export const EFFECTIVE_BUSINESS_DAYS = 15;
/** Warn when this many business days or fewer are left. */
export const WARN_BUSINESS_DAYS = 5;

export interface DeadlineInput {
  receivedOn: string;
  pauses: readonly DayRange[];
  answeredOn: string | null;
  /** Today, local date. */
  today: string;
  /** Election days declared this year (art. 74 LFT IX), if any. */
  extra?: readonly string[];
}

export type DeadlineState = 'paused' | 'ok' | 'soon' | 'overdue' | 'answered';

export interface Deadline {
  /** Last day to answer; null while paused (it moves by the paused days). */
  answerBy: string | null;
  /** Last day to make the answer effective, counted from the answer (or from answerBy before it). */
  effectiveBy: string | null;
  /** Business days left to answer (negative when overdue); null while paused. */
  daysLeft: number | null;
  /** Business days already used (paused days excluded). */
  daysUsed: number;
  state: DeadlineState;
  /** Rest days that fall inside the term, for the list on the page. */
  restDays: RestDay[];
  paused: boolean;
}

/**
 * The legal deadline of one request: 20 business days from the day after receipt, not counting
 * days it waited for the person's information, then 15 more to make the answer effective.
 */
export function computeDeadline(input: DeadlineInput): Deadline {
  const opts = { pauses: input.pauses, extra: input.extra ?? [] };
  const paused = input.pauses.some((p) => p.to === null);
  // While paused, the days used stop at the pause; the deadline is recomputed when it ends.
  const answerBy = addBusinessDays(input.receivedOn, ANSWER_BUSINESS_DAYS, opts);
  const countUntil = input.answeredOn ?? input.today;
  const daysUsed = businessDaysBetween(input.receivedOn, countUntil, opts);
  const effectiveBy = input.answeredOn
    ? addBusinessDays(input.answeredOn, EFFECTIVE_BUSINESS_DAYS, { extra: opts.extra })
    : answerBy
      ? addBusinessDays(answerBy, EFFECTIVE_BUSINESS_DAYS, { extra: opts.extra })
      : null;
  let daysLeft: number | null = null;
  let state: DeadlineState;
  if (input.answeredOn) state = 'answered';
  else if (paused || !answerBy) state = 'paused';
  else {
    daysLeft =
      input.today <= answerBy
        ? businessDaysBetween(input.today, answerBy, opts)
        : -businessDaysBetween(answerBy, input.today, opts);
    state = daysLeft < 0 ? 'overdue' : daysLeft <= WARN_BUSINESS_DAYS ? 'soon' : 'ok';
  }
  const end = effectiveBy ?? answerBy ?? input.today;
  return {
    answerBy,
    effectiveBy,
    daysLeft,
    daysUsed,
    state,
    paused,
    restDays: restDaysBetween(input.receivedOn, end > input.receivedOn ? end : input.receivedOn, opts.extra),
  };
}
