/** The live floor's public API for other features and pages (the rest is internal). */
export { endStateOnLogout, endStatesWithoutSession } from './floor.server';
export { type FloorLogEntry, floorLogEntries } from './log.server';
export { purgeFloorHistory } from './retention.server';
