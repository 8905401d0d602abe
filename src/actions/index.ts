import { accounts } from './accounts';
import { cases } from './cases';

export const server = { accounts, cases };
