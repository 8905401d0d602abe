import { accounts } from './accounts';
import { arco } from './arco';
import { cases } from './cases';
import { content } from './content';
import { directory } from './directory';
import { events } from './events';
import { floor } from './floor';
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
  cases,
  directory,
  floor,
  arco,
};
