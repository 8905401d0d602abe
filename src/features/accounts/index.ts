/** The accounts feature's public API for other features (the rest is internal). */
export { failedOutboxMessages } from './outbox.server';
