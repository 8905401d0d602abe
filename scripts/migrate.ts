import { openConfigured } from './db-common';

const database = await openConfigured();
console.log('Migraciones aplicadas.');
await database.close();
