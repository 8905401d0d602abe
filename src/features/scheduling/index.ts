/** The scheduling feature's public API for other features (the rest is internal). */
export { ACTIVITY_TYPES, STATUS_LABELS, TYPE_LABELS } from './labels';
export { operatorActivitiesBetween } from './shift-activities.server';
export { type ShiftCoverage, type TodayActivity, coverageOnDay, myActivitiesBetween } from './today.server';
export { activitySummary, currentActivities, currentShift } from './floor-api.server';
export type { CurrentShift } from './floor-api.server';
