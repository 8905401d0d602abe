import { accounts } from './accounts';
import { events } from './events';

export const server = { accounts, events };
