import { type ApiError, ApiErrorCode, findApiRoute, isApiErrorCode } from '@ondeck/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiErrors, AppError, EVENT_ID_RULE } from '../errors.ts';

/**
 * A schema refusal of an event's id or name, under the code that names it rather than the
 * generic INVALID_REQUEST: the event id in any path, and the id and name of a new event.
 */
function eventFieldRefusal(error: FastifyError, request: FastifyRequest): AppError | null {
  const first = error.validation?.[0];
  if (!first) return null;
  const missing = (first.params as { missingProperty?: unknown }).missingProperty;
  const field = typeof missing === 'string' ? missing : first.instancePath.replace(/^\//, '');
  if (error.validationContext === 'params' && field === 'eventId') return new ApiErrors.INVALID_EVENT_ID(EVENT_ID_RULE);
  const route = request.routeOptions.url && findApiRoute(request.method, request.routeOptions.url);
  if (error.validationContext !== 'body' || route !== 'createEvent') return null;
  if (field === 'id') return new ApiErrors.INVALID_EVENT_ID(EVENT_ID_RULE);
  if (field === 'name') return new ApiErrors.INVALID_EVENT_NAME();
  return null;
}

/** What an error is answered with: a code of the union, always. */
function answerFor(
  error: FastifyError,
  request: FastifyRequest,
): { status: number; code: ApiErrorCode; message: string } | null {
  if (error instanceof AppError) return { status: error.statusCode, code: error.code, message: error.message };
  if (error.validation) {
    const invalid =
      eventFieldRefusal(error, request) ?? new ApiErrors.INVALID_REQUEST(error.message.replace(/^body/, 'the body'));
    return { status: invalid.statusCode, code: invalid.code, message: invalid.message };
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) return null;
  // Fastify's own refusals (a body that is not JSON, too large, …) under the codes the API sends.
  const code = error.code?.replace(/^FST_ERR_/, '');
  return { status, code: isApiErrorCode(code) ? code : ApiErrorCode.BAD_REQUEST, message: error.message };
}

/** Answers an error as `{ error: { code, message } }` with a fitting status; the server's own failures are logged. */
function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const answer = answerFor(error, request) ?? internal(error, request);
  const body: ApiError = { error: { code: answer.code, message: answer.message } };
  return reply.status(answer.status).send(body);
}

function internal(error: FastifyError, request: FastifyRequest) {
  request.log.error({ err: error }, 'request failed');
  const failed = new ApiErrors.INTERNAL();
  return { status: failed.statusCode, code: failed.code, message: failed.message };
}

/** Every error leaves as an `ApiError`. */
export const errorHandler = fp(async (app: FastifyInstance) => {
  app.setErrorHandler(sendError);
});

/**
 * Fastify's `frameworkErrors` option: the router's own refusals (a path that is not valid URL
 * encoding, a parameter too long) are answered like every other error.
 * NOTE: they happen before any route is found, in a context that predates the error handler
 * set above, so `reply.send(error)` would get fastify's default body: they are answered here.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendError(error, request, reply);
}
