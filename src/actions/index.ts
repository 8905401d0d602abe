import { accounts } from './accounts';

export const server = { accounts };
