/** The content feature's public API for other features (the rest is internal). */
export { CHANNEL_LABELS, CHANNELS, type Channel } from './limits';
export {
  cancelSeriesForTarget,
  generateSeriesForTarget,
  linkPostToTarget,
  moveSeriesForTarget,
} from './series.server';
export { postsForToday } from './today.server';
