import { accounts } from './accounts';
import { content } from './content';
import { settings } from './settings';

export const server = { accounts, settings, content };
