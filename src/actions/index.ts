import { accounts } from './accounts';
import { cases } from './cases';
import { directory } from './directory';

export const server = { accounts, cases, directory };
