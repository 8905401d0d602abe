/** The today page's loader (the staff home at /app). */
export { type Panel, type TodayData, PANELS_BY_ROLE, loadToday, panelsFor } from './today.server';
