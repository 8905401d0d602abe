/** The events feature's public API for other features (the rest is internal). */
export { upcomingEventsWithSeats } from './today.server';
export { registrationIdForToken } from './links.server';
export {
  type HeldRegistration,
  anonymizeRegistrations,
  findRegistrationsHeldFor,
  rectifyRegistrationContact,
} from './arco.server';
