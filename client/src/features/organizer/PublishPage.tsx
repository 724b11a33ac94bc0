import { type Invite, plural } from '@ondeck/shared';
import { useState } from 'react';
import { RequestError } from '../../api/client.ts';
import { Field } from '../../components/Field.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useProgram } from '../../sync/hooks.ts';
import { useProgramEditor } from '../../sync/mutations.ts';
import { LocalOnlyLinks } from './LocalOnlyLinks.tsx';
import { useCreateInvite, useRevokeInvite } from './mutations.ts';
import { QrCode } from './QrCode.tsx';
import { useInvites } from './queries.ts';

function message(error: unknown): string {
  return error instanceof RequestError || error instanceof Error ? error.message : String(error);
}

/** The link dancers and parents open: what gets printed and posted by the door. */
function PublicLink({ invite }: { invite: Invite }) {
  return (
    <section className="card stack" aria-label="Public heat list link" data-testid="public-link">
      <h2>Scan for the heat list</h2>
      <LocalOnlyLinks links={[invite.link]} />
      <QrCode value={invite.link} label="QR code of the public heat list" />
      <Field label="Link to the public heat list">
        {(control) => (
          <input {...control} type="text" readOnly value={invite.link} onFocus={(event) => event.target.select()} />
        )}
      </Field>
      <p className="muted">
        {invite.joins === 0
          ? 'Nobody has opened it yet.'
          : `${plural(invite.joins, 'device has', 'devices have')} opened it.`}
      </p>
    </section>
  );
}

/**
 * `/e/<id>/organizer/publish`: turns the read-only heat list for dancers and parents on (a
 * `public` invite and `publishHeatList`) and off (the setting, then every public invite revoked:
 * their devices stop syncing and say so).
 */
export function PublishPage() {
  const program = useProgram();
  const editor = useProgramEditor();
  const invites = useInvites();
  const create = useCreateInvite();
  const revoke = useRevokeInvite();
  const [confirming, setConfirming] = useState(false);
  if (!program) return <Loading />;
  const published = program.settings.publishHeatList;
  const links = (invites.data ?? []).filter((invite) => invite.role === 'public' && !invite.revokedAt);
  const busy = create.isPending || revoke.isPending;
  const offline = invites.fetchStatus === 'paused';

  const publish = async () => {
    if (links.length === 0) await create.mutateAsync({ role: 'public' });
    await editor?.updateSettings({ publishHeatList: true });
  };
  const unpublish = async () => {
    // The setting first: devices still connected hear it before their invite is revoked.
    await editor?.updateSettings({ publishHeatList: false });
    for (const invite of links) await revoke.mutateAsync(invite.id);
    setConfirming(false);
  };

  return (
    <main className="screen">
      <h1>Publish the heat list</h1>
      <p className="muted">
        Dancers and parents follow the heats and the current heat on their phones, read-only, with one public link.
        Print its QR code and post it by the door.
      </p>
      {offline ? (
        <Notice tone="warning" title="Publishing needs a connection">
          The public link is made on the server; the rest of the event works offline.
        </Notice>
      ) : null}
      {create.isError || revoke.isError ? (
        <Notice tone="error" title="That did not work">
          {message(create.error ?? revoke.error)}
        </Notice>
      ) : null}
      <section className="card stack" aria-label="Publishing" data-testid="publish-state">
        {published ? (
          <Notice tone="success" title="Published">
            Anyone with the link below sees the heat list.
          </Notice>
        ) : (
          <p>
            <strong>Not published.</strong> Only people you invited see the heats.
          </p>
        )}
        <div className="actions">
          {!published || links.length === 0 ? (
            <button
              type="button"
              className="button"
              disabled={!editor || busy || offline}
              onClick={() => void publish()}
            >
              {published ? 'Make a new public link' : 'Publish the heat list'}
            </button>
          ) : null}
          {published && !confirming ? (
            <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
              Stop publishing
            </button>
          ) : null}
          {published && confirming ? (
            <>
              <button
                type="button"
                className="button button-danger"
                disabled={!editor || busy || offline}
                onClick={() => void unpublish()}
              >
                Stop publishing: public phones stop updating
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          ) : null}
        </div>
      </section>
      {invites.isPending && invites.fetchStatus === 'fetching' ? <Loading /> : null}
      {published ? links.map((invite) => <PublicLink key={invite.id} invite={invite} />) : null}
    </main>
  );
}
