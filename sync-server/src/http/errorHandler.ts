import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

/** Every error leaves as `{ error: { code, message } }` with a fitting status. */
export const errorHandler = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send({ error: { code: error.code, message: error.message } });
    }
    if ((error as FastifyError).validation) {
      return reply
        .status(400)
        .send({ error: { code: 'INVALID_REQUEST', message: `${error.message.replace(/^body/, 'the body')}` } });
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status < 500) {
      const code = (error as FastifyError).code?.replace(/^FST_ERR_/, '') ?? 'BAD_REQUEST';
      return reply.status(status).send({ error: { code, message: error.message } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'the server failed; the error is logged' } });
  });
});
