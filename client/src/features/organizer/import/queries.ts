import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../../api/client.ts';
import { useEventMembership } from '../../../sync/hooks.ts';

export const importsKey = (eventId: string) => ['events', eventId, 'imports'] as const;

/** Uploads waiting for a decision, whether marks can go back into a Showcase database, the size limit. */
export function useImportStatus() {
  const { serverUrl, eventId, token } = useEventMembership();
  return useQuery({
    queryKey: importsKey(eventId),
    queryFn: () => callApi(serverUrl, 'listImports', { params: { eventId }, token }),
  });
}

/** An upload's preview, worked out again against the event as it is now. */
export function useImportPreview(importId: string | null) {
  const { serverUrl, eventId, token } = useEventMembership();
  return useQuery({
    queryKey: [...importsKey(eventId), importId],
    enabled: importId !== null,
    queryFn: () => callApi(serverUrl, 'getImport', { params: { eventId, importId: importId ?? '' }, token }),
  });
}
