import { accounts } from './accounts';
import { scheduling } from './scheduling';

export const server = { accounts, scheduling };
