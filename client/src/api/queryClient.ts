import { QueryClient } from '@tanstack/react-query';
import { RequestError } from './client.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not heal by asking again; a network failure might.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof RequestError && error.status >= 400 && error.status < 500),
      staleTime: 10_000,
    },
  },
});
