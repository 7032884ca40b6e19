import { startEmbeddedDb } from '../../local/embedded-db.ts';

export { LOCAL_CREDENTIALS } from '../../local/embedded-db.ts';

/** In-process, in-memory dynalite on a free loopback port, with the wirefold table created. */
export function startDynalite(tableName = 'wirefold-test') {
  return startEmbeddedDb({ tableName });
}
