import type { ImportPreview, ImportStatus } from '@ondeck/shared';
import { useQuery } from '@tanstack/react-query';
import { requestJson } from '../../../api/client.ts';
import { useEventMembership } from '../../../sync/hooks.ts';
import { importsPath } from './api.ts';

export const importsKey = (eventId: string) => ['events', eventId, 'imports'] as const;

/** Uploads waiting for a decision, whether marks can go back into a Showcase database, the size limit. */
export function useImportStatus() {
  const membership = useEventMembership();
  return useQuery({
    queryKey: importsKey(membership.eventId),
    queryFn: () =>
      requestJson<ImportStatus>(membership.serverUrl, importsPath(membership), { token: membership.token }),
  });
}

/** An upload's preview, worked out again against the event as it is now. */
export function useImportPreview(importId: string | null) {
  const membership = useEventMembership();
  return useQuery({
    queryKey: [...importsKey(membership.eventId), importId],
    enabled: importId !== null,
    queryFn: () =>
      requestJson<ImportPreview>(membership.serverUrl, `${importsPath(membership)}/${importId}`, {
        token: membership.token,
      }),
  });
}
