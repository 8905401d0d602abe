import { accounts } from './accounts';
import { content } from './content';
import { events } from './events';
import { requests } from './requests';
import { scheduling } from './scheduling';
import { settings } from './settings';

export const server = {
  accounts,
  settings,
  content,
  requests,
  scheduling,
  events,
};
