import type { ApiRoute, Fields } from '@ondeck/shared';
import type { FastifySchema } from 'fastify';

function objectSchema(fields: Fields<unknown>) {
  const entries = Object.entries(fields as Record<string, { presence: string; schema: unknown }>);
  const required = entries.filter(([, field]) => field.presence === 'required').map(([name]) => name);
  return {
    type: 'object',
    ...(required.length > 0 ? { required } : {}),
    properties: Object.fromEntries(entries.map(([name, field]) => [name, field.schema])),
  };
}

/**
 * The JSON schemas fastify validates a route's request with, built from its entry in the route
 * table. A JSON body is closed: unknown fields are refused, not dropped (a client sending them
 * has a bug); a query string is open, so a cache-busting parameter does no harm.
 */
export function routeSchema(route: ApiRoute): FastifySchema {
  return {
    ...(route.params ? { params: { type: 'object', properties: route.params } } : {}),
    ...(route.query ? { querystring: objectSchema(route.query.fields) } : {}),
    ...(route.body?.kind === 'object'
      ? { body: { ...objectSchema(route.body.fields), additionalProperties: false } }
      : {}),
  };
}
