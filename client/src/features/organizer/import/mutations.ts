import type { ImportFormat, ImportPreview } from '@ondeck/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { callApi } from '../../../api/client.ts';
import { useEventMembership } from '../../../sync/hooks.ts';
import { uploadImport } from './api.ts';
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
  const { serverUrl, eventId, token } = useEventMembership();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (importId: string) => callApi(serverUrl, 'commitImport', { params: { eventId, importId }, token }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importsKey(eventId) }),
  });
}

export function useDiscardImport() {
  const { serverUrl, eventId, token } = useEventMembership();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (importId: string) => callApi(serverUrl, 'discardImport', { params: { eventId, importId }, token }),
    onSuccess: (status) => queryClient.setQueryData(importsKey(eventId), status),
  });
}
