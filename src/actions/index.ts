import { accounts } from './accounts';
import { content } from './content';

export const server = { accounts, content };
