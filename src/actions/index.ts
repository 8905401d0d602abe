import { accounts } from './accounts';
import { requests } from './requests';

export const server = { accounts, requests };
