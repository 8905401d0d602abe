import type { Executor } from '~db/client';
import type { Role } from '~db/schema/accounts';
import { failedOutboxMessages } from '~/features/accounts';
import { arcoDeadlineAlerts } from '~/features/arco';
import {
  logsAwaitingSignature,
  myDraftSavedAt,
  myDueFollowUps,
  oficiosNearDeadline,
  overdueFollowUpsByOperator,
} from '~/features/cases';
import { postsForToday } from '~/features/content';
import { upcomingEventsWithSeats } from '~/features/events';
import { requestsAwaitingTriage } from '~/features/requests';
import { coverageOnDay, myActivitiesBetween } from '~/features/scheduling';
import { type Permission, can } from '~/lib/policy';
import type { Settings } from '~/lib/server/settings';
import { addDays, localDay, startOfDay } from '~/lib/time';

/** The panels of the today page. */
export type Panel =
  | 'activities'
  | 'followUps'
  | 'oficios'
  | 'draft'
  | 'triage'
  | 'coverage'
  | 'overdueByOperator'
  | 'signatures'
  | 'posts'
  | 'approval'
  | 'events'
  | 'outbox'
  | 'arco';

/** What each panel needs from the policy. A panel shows when the role lists it and `can` agrees. */
const PANEL_PERMISSION: Record<Panel, Permission> = {
  activities: 'agenda.write',
  followUps: 'followups.read',
  oficios: 'cases.read',
  draft: 'cases.write',
  triage: 'requests.read',
  coverage: 'agenda.plan',
  overdueByOperator: 'cases.oversee',
  signatures: 'dailylog.signoff',
  posts: 'content.read',
  approval: 'content.read',
  events: 'events.read',
  outbox: 'admin.outbox',
  arco: 'privacy.manage',
};

const SUPERVISOR: readonly Panel[] = ['triage', 'coverage', 'overdueByOperator', 'signatures', 'arco'];

/** Which panels each role's first screen of the day shows, in order. */
export const PANELS_BY_ROLE: Record<Role, readonly Panel[]> = {
  operator: ['activities', 'followUps', 'oficios', 'draft'],
  supervisor: SUPERVISOR,
  comms: ['posts', 'approval', 'events'],
  admin: [...SUPERVISOR, 'outbox'],
};

export function panelsFor(user: { id: number; role: Role; grants?: readonly string[] }): Panel[] {
  return PANELS_BY_ROLE[user.role].filter((p) => can(user, PANEL_PERMISSION[p]));
}

const none = Promise.resolve(undefined);

/**
 * Everything the today page shows for one person, in one round of parallel indexed queries.
 * Record-level scope stays in the queries: follow-ups are the user's own and inside their
 * case scope; oficios are inside the case scope.
 */
export async function loadToday(
  db: Executor,
  user: { id: number; role: Role; grants?: readonly string[] },
  opts: { now: Date; timeZone: string; settings: Settings; ip: string | null },
) {
  const { now, timeZone: zone, settings } = opts;
  const today = localDay(now, zone);
  const tomorrow = addDays(today, 1);
  const from = startOfDay(today, zone);
  const until = startOfDay(today, zone, 2);
  const panels = panelsFor(user);
  const has = (p: Panel) => panels.includes(p);
  const [
    activities,
    followUps,
    oficios,
    draftSavedAt,
    triage,
    coverage,
    overdue,
    signatures,
    posts,
    events,
    outbox,
    arco,
  ] = await Promise.all([
    has('activities') ? myActivitiesBetween(db, user.id, from, until, settings) : none,
    has('followUps') ? myDueFollowUps(db, user, today, { ip: opts.ip }) : none,
    has('oficios') ? oficiosNearDeadline(db, user, today) : none,
    has('draft') ? myDraftSavedAt(db, user) : none,
    has('triage') ? requestsAwaitingTriage(db, now) : none,
    has('coverage') ? coverageOnDay(db, settings, zone, today) : none,
    has('overdueByOperator') ? overdueFollowUpsByOperator(db, today) : none,
    has('signatures') ? logsAwaitingSignature(db) : none,
    has('posts') || has('approval') ? postsForToday(db, from, until) : none,
    has('events') ? upcomingEventsWithSeats(db, now) : none,
    has('outbox') ? failedOutboxMessages(db) : none,
    has('arco') ? arcoDeadlineAlerts(db, today) : none,
  ]);
  return {
    today,
    tomorrow,
    panels,
    activities: activities ?? [],
    followUps: followUps ?? [],
    oficios: oficios ?? [],
    draftSavedAt: draftSavedAt ?? null,
    triage: triage ?? [],
    coverage: coverage ?? [],
    overdueByOperator: overdue ?? [],
    signatures: signatures ?? [],
    postsDue: posts?.due ?? [],
    postsAwaitingApproval: posts?.awaitingApproval ?? [],
    events: events ?? [],
    outbox: outbox ?? [],
    arco: arco ?? [],
  };
}

export type TodayData = Awaited<ReturnType<typeof loadToday>>;
