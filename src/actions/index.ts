import { accounts } from './accounts';
import { content } from './content';
import { requests } from './requests';
import { settings } from './settings';

export const server = {
  accounts,
  settings,
  content,
  requests,
};
