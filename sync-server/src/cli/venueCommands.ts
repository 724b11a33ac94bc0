import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import type { Config } from '../config.ts';
import { FollowError, followEvent } from '../venue/followEvent.ts';
import { Follows } from '../venue/follows.ts';
import { UsageError } from './inviteCommands.ts';

/**
 * `venue follow <link>`, `venue list`, `venue unfollow <eventId>`: this data directory's server
 * as a venue server of a cloud's events (README "Venue server"). A server already running
 * picks a new follow up when it restarts.
 */
export async function venueCommand(config: Config, catalog: IndexDatabase, args: string[]): Promise<void> {
  const [action, argument] = args;
  const follows = new Follows(config.dataDir);
  switch (action) {
    case 'follow': {
      if (!argument) throw new UsageError('venue follow needs the venue invite link the organiser made');
      try {
        const follow = await followEvent(argument, { dataDir: config.dataDir, catalog, follows });
        console.log(`Following ${follow.eventId} (${follow.eventName}) of ${follow.cloudUrl}.`);
        console.log('Start (or restart) the server: it pulls the event and keeps it in step with the cloud.');
      } catch (error) {
        if (error instanceof FollowError) throw new UsageError(error.message);
        throw error;
      }
      return;
    }
    case 'list': {
      const all = follows.list();
      if (all.length === 0) console.log('This server follows no cloud event.');
      for (const f of all)
        console.log(
          `${f.eventId}\t${f.eventName}\t${f.cloudUrl}\tcredential until ${new Date(f.expiresAt * 1000).toISOString()}`,
        );
      return;
    }
    case 'unfollow': {
      if (!argument || !follows.remove(argument))
        throw new UsageError(`this server does not follow "${argument ?? ''}"`);
      console.log(
        `No longer following ${argument}; its copy stays here as this server's own event. Restart the server.`,
      );
      return;
    }
    default:
      throw new UsageError('venue takes follow <link>, list or unfollow <eventId>');
  }
}
