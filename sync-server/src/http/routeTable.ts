import {
  API_ROUTES,
  type ApiRoute,
  type ApiRouteName,
  type ApiRoutes,
  findApiRoute,
  isServerPath,
  type JsonResponse,
  type RouteParams,
  type RouteQuery,
  type Shape,
} from '@ondeck/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { routeSchema } from './schemas.ts';

type RequestTypes<N extends ApiRouteName> = {
  Params: RouteParams<N>;
  Querystring: [RouteQuery<N>] extends [never] ? unknown : RouteQuery<N>;
  /** A raw body is handed over as the unread request stream (see the music routes). */
  Body: ApiRoutes[N] extends { body: Shape<infer B> } ? B : unknown;
};

export type ApiRequest<N extends ApiRouteName> = FastifyRequest<RequestTypes<N>>;

/** A JSON route's handler returns its response; any other sends its bytes and returns the reply. */
type Answer<N extends ApiRouteName> = ApiRoutes[N]['response'] extends JsonResponse<infer T> ? T : FastifyReply;

/**
 * Registers route `name` of the table: its method, path and JSON schemas come from its entry,
 * and so does the status of a JSON answer (201 for what it creates).
 */
export function apiRoute<N extends ApiRouteName>(
  app: FastifyInstance,
  name: N,
  handler: NoInfer<(request: ApiRequest<N>, reply: FastifyReply) => Promise<Answer<N>>>,
): void {
  const route: ApiRoute = API_ROUTES[name];
  app.route<RequestTypes<N>>({
    method: route.method,
    url: route.path,
    schema: routeSchema(route),
    handler: async (request, reply) => {
      const answer = await handler(request, reply);
      if (answer !== reply) reply.status(route.status ?? 200);
      return answer;
    },
  });
}

/**
 * Holds the server to the route table: a route under the server's own paths (`/api`, `/up`,
 * `/metrics`, `/sync`) that the table does not declare stops the server from starting. The
 * built client's routes are the app's, not the API's.
 */
export const routeTable = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if (method === 'HEAD' || !isServerPath(route.url) || findApiRoute(method, route.url)) continue;
        throw new Error(
          `${method} ${route.url} is not in the route table: declare it in API_ROUTES (shared/src/protocol/routes.ts) and register it with apiRoute()`,
        );
      }
    });
  },
  { name: 'ondeck-route-table' },
);
