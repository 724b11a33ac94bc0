import type { ImportFormat, ImportPreview, ImportResult } from '@ondeck/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { requestJson } from '../../../api/client.ts';
import { useEventMembership } from '../../../sync/hooks.ts';
import { importsPath, uploadImport } from './api.ts';
import { importsKey } from './queries.ts';

/** Sends a file for a preview, with the bytes sent so far for a progress bar. */
export function useUploadImport() {
  const membership = useEventMembership();
  const queryClient = useQueryClient();
  const [sent, setSent] = useState(0);
  const mutation = useMutation({
    mutationFn: ({ file, format }: { file: File; format: ImportFormat }) => {
      setSent(0);
      return uploadImport(membership, file, format, setSent);
    },
    onSuccess: (preview: ImportPreview) => {
      queryClient.setQueryData([...importsKey(membership.eventId), preview.id], preview);
      return queryClient.invalidateQueries({ queryKey: importsKey(membership.eventId), exact: true });
    },
  });
  return { ...mutation, sent };
}

/** Brings an upload into the event: the program and marks then reach every device by sync. */
export function useCommitImport() {
  const membership = useEventMembership();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (importId: string) =>
      requestJson<ImportResult>(membership.serverUrl, `${importsPath(membership)}/${importId}/commit`, {
        method: 'POST',
        token: membership.token,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importsKey(membership.eventId) }),
  });
}

export function useDiscardImport() {
  const membership = useEventMembership();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (importId: string) =>
      requestJson<null>(membership.serverUrl, `${importsPath(membership)}/${importId}`, {
        method: 'DELETE',
        token: membership.token,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importsKey(membership.eventId) }),
  });
}
