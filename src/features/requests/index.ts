/**
 * The requests feature's public API for other features. Anything not exported here is internal
 * (dependency-cruiser refuses imports of it from another feature).
 */
export {
  type LinkMailContext,
  type ScheduledSession,
  completeRequestTx,
  loadRequestForScheduling,
  lockRequestForScheduling,
  markRequestScheduledTx,
  requestsAwaitingSchedule,
  requestMailKey,
  rescheduleRequestTx,
  unscheduleRequestTx,
} from './activity-link.server';
export { INSTITUTION_TYPES } from './schemas';
export { REQUEST_STATUS_LABELS, canTransition } from './status';
export { requestsAwaitingTriage } from './today.server';
