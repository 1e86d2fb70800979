import pg from 'pg';
import { preparedName } from '../repos/prepared';

/**
 * node-postgres' client, preparing the statements the repositories declared (repos/prepared.ts):
 * such a text is sent as a named statement, parsed and planned once per connection; every other
 * text as before. The pool creates its connections with it.
 */
export class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    const name = typeof text === 'string' && Array.isArray(values) ? preparedName(text) : undefined;
    const call = pg.Client.prototype.query as (...a: unknown[]) => never;
    return name === undefined
      ? call.apply(this, args)
      : call.call(this, { name, text, values }, ...(callback === undefined ? [] : [callback]));
  }
}
