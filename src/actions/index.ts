import { accounts } from './accounts';
import { settings } from './settings';

export const server = { accounts, settings };
