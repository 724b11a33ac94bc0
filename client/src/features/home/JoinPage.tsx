import { ApiErrorCode } from '@ondeck/shared';
import { useEffect, useRef } from 'react';
import { useLocation, useSearch } from 'wouter';
import { ClientErrorCode, RequestError } from '../../api/client.ts';
import { roleHomePath } from '../../app/paths.ts';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PlainHeader } from '../../components/PlainHeader.tsx';
import { useJoinEvent } from './mutations.ts';

function joinErrorMessage(error: unknown): { title: string; message: string } {
  if (error instanceof RequestError) {
    if (error.code === ApiErrorCode.INVITE_REVOKED)
      return { title: 'This invite was revoked', message: 'Ask the organiser for a new link.' };
    if (error.code === ApiErrorCode.INVITE_NOT_FOUND)
      return { title: 'This invite does not exist', message: 'Check the link, or ask the organiser for a new one.' };
    if (error.code === ClientErrorCode.NETWORK)
      return {
        title: 'No connection',
        message: 'Joining needs the network once. Connect to the venue Wi-Fi or mobile data, then try again.',
      };
    return { title: 'Could not join', message: error.message };
  }
  return { title: 'Could not join', message: error instanceof Error ? error.message : String(error) };
}

/** Screens an invite link may open instead of the role's home: the projector's counter. */
const OPENABLE = new Set(['counter']);

/** `/join/<code>[?open=counter]`: the page an invite link or its QR code opens. */
export function JoinPage({ code }: { code: string }) {
  const join = useJoinEvent();
  const [, navigate] = useLocation();
  const open = new URLSearchParams(useSearch()).get('open');
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    join.mutate(code, {
      onSuccess: (membership) =>
        navigate(
          open && OPENABLE.has(open)
            ? `/e/${membership.eventId}/${open}`
            : roleHomePath(membership.eventId, membership.role),
          { replace: true },
        ),
    });
  }, [code, join, navigate, open]);

  if (join.isError) {
    const { title, message } = joinErrorMessage(join.error);
    return (
      <>
        <PlainHeader />
        <main className="screen">
          <h1>Join an event</h1>
          <Notice tone="error" title={title}>
            {message}
          </Notice>
          <p className="actions">
            <button type="button" className="button" onClick={() => join.mutate(code)}>
              Try again
            </button>
            <a className="button button-secondary" href="/">
              Events on this device
            </a>
          </p>
        </main>
      </>
    );
  }
  return (
    <>
      <PlainHeader />
      <main className="screen">
        <h1>Join an event</h1>
        <Loading label="Joining…" />
      </main>
    </>
  );
}
