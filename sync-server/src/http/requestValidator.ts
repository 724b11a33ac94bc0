import { Ajv } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Checks a request against its route's schema: a JSON body exactly as sent, a URL's parts
 * (params, query string) coerced from their text.
 * NOTE: fastify's default Ajv coerces everything (`coerceTypes: 'array'`), so a body of
 * `{"code": ["…"]}` or `{"name": 12}` passed as if the client had sent strings; a client that
 * sends the wrong type has a bug, and the answer should name it.
 */
export function requestValidator(): FastifySchemaCompiler<unknown> {
  const common = { useDefaults: true, removeAdditional: false, allErrors: false, addUsedSchema: false } as const;
  const strict = new Ajv({ ...common, coerceTypes: false });
  const fromText = new Ajv({ ...common, coerceTypes: 'array' });
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : fromText).compile(schema as object);
}
