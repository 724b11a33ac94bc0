import type { CloudAccessResponse } from '@ondeck/shared';
import { EventFollower, type FollowerDeps } from './eventFollower.ts';
import { FollowError, followEvent, parseVenueLink } from './followEvent.ts';
import { type Follow, Follows } from './follows.ts';
import { VenueContacts } from './venueContacts.ts';
import { VenueOrigins } from './venueOrigins.ts';

export interface VenueModeDeps extends FollowerDeps {
  dataDir: string;
  /** `ONDECK_VENUE_FOLLOW`: venue invite links to follow, besides those followed before. */
  links: readonly string[];
}

/**
 * Venue mode: this server follows events of a cloud server (README "Venue server"). Empty on a
 * cloud server — it follows nothing, and nothing here runs.
 *
 * At start it trusts, for each followed event, the cloud key that signs that event's tokens (so
 * devices' tokens verify here, and the cloud's key speaks for no other event), then starts an
 * `EventFollower` per event. A link of `ONDECK_VENUE_FOLLOW` not followed yet is redeemed at the
 * cloud; while the cloud is out of reach that is retried every exchange interval.
 */
export class VenueMode {
  private readonly follows: Follows;
  private readonly followers = new Map<string, EventFollower>();
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** On the cloud: the venues following its events, as each last reported. */
  readonly contacts = new VenueContacts();
  /** On the cloud: the origins of the venues' pages, which may sync their events here too. */
  readonly origins: VenueOrigins;

  constructor(private readonly deps: VenueModeDeps) {
    this.follows = new Follows(deps.dataDir);
    this.origins = new VenueOrigins(deps.dataDir);
  }

  follower(eventId: string): EventFollower | undefined {
    return this.followers.get(eventId);
  }

  /** The cloud's address and token for a device's invite, when this server follows its event. */
  cloudAccess(eventId: string, inviteId: string): Promise<CloudAccessResponse> {
    const follower = this.followers.get(eventId);
    if (!follower)
      return Promise.resolve({
        cloud: null,
        reason: 'this server holds the event itself: there is no cloud to reach',
        later: false,
      });
    const invite = this.deps.catalog.getInvite(inviteId);
    if (!invite || invite.eventId !== eventId)
      return Promise.resolve({ cloud: null, reason: 'the invite of this device is not known here', later: false });
    return follower.passes.for(invite);
  }

  /** The origins of the clouds this venue follows: its app pages sync with them too. */
  cloudOrigins(): string[] {
    return [...new Set([...this.followers.values()].map((follower) => new URL(follower.follow.cloudUrl).origin))];
  }

  async start(): Promise<void> {
    for (const follow of this.follows.list()) await this.startFollowing(follow);
    await this.followLinks();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await Promise.all([...this.followers.values()].map((follower) => follower.stop()));
    this.followers.clear();
  }

  private async followLinks(): Promise<void> {
    const known = new Set(this.follows.list().map((follow) => follow.inviteCode));
    const waiting = this.deps.links.filter((link) => !known.has(parseVenueLink(link).code));
    let failed = false;
    for (const link of waiting) {
      if (this.stopped) return;
      try {
        const follow = await followEvent(link, {
          dataDir: this.deps.dataDir,
          catalog: this.deps.catalog,
          follows: this.follows,
        });
        this.deps.log.info({ event: follow.eventId, cloud: follow.cloudUrl }, 'venue follows a cloud event');
        await this.startFollowing(follow);
      } catch (error) {
        failed = true;
        const message = error instanceof FollowError ? error.message : String(error);
        this.deps.log.error(
          { link: parseVenueLink(link).cloudUrl, reason: message },
          'venue could not follow; retrying',
        );
      }
    }
    if (failed && !this.stopped) {
      this.retryTimer = setTimeout(() => void this.followLinks(), this.deps.exchangeMs);
      this.retryTimer.unref();
    }
  }

  private async startFollowing(follow: Follow): Promise<void> {
    const { tokens, log } = this.deps;
    // NOTE: one trust per cloud key, over every event followed from that cloud: trusting a key
    // again replaces its scope.
    const events = [...this.follows.list().filter((f) => f.cloudKey.kid === follow.cloudKey.kid)].map((f) => f.eventId);
    await tokens.trust(follow.cloudKey, { events, issuer: `the cloud ${new URL(follow.cloudUrl).host}`.slice(0, 60) });
    await this.followers.get(follow.eventId)?.stop();
    const follower = new EventFollower(follow, this.deps);
    this.followers.set(follow.eventId, follower);
    try {
      await follower.start();
    } catch (error) {
      log.error({ err: error, event: follow.eventId }, 'venue could not load a followed event');
    }
  }
}
