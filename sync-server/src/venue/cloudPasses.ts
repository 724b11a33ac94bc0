import { apiRequest, type CloudAccessResponse, isWebOrigin } from '@ondeck/shared';
import type { InviteRow } from '../catalog/indexDatabase.ts';
import { isCloudJoin } from './cloudAnswers.ts';

/**
 * NOTE: a device joining at the venue waits for this: a cloud that does not answer within it
 * counts as out of reach, and the device asks again later (README "Venue server").
 */
const REDEEM_TIMEOUT_MS = 4_000;
/** A cloud token is handed out until this long before it expires, then redeemed afresh. */
const RENEW_BEFORE_S = 24 * 60 * 60;
/** A refusal or a failure is remembered this long, so a room of devices asking costs the cloud one call. */
const FAILED_FOR_MS = 5_000;
const REFUSED_FOR_MS = 60_000;

type Answer = { response: CloudAccessResponse; until: number };

/**
 * At a venue, the cloud's tokens for the event's invites: a device that joined here holds the
 * venue's token, and with the cloud's token for the same invite it also syncs with the cloud,
 * and falls back to it by itself when the venue stops.
 *
 * The venue redeems the invite's code at the cloud, as the device would there, once per invite
 * (tokens are per invite, not per device: the room of phones that scanned the public code
 * shares one), and hands the token out until a day before it expires. An invite made at the
 * venue is unknown to the cloud: it gets no cloud token, and the reason.
 */
export class CloudPasses {
  private readonly answers = new Map<string, Answer>();
  private readonly asking = new Map<string, Promise<CloudAccessResponse>>();

  constructor(
    private readonly cloudUrl: string,
    private readonly eventId: string,
  ) {}

  for(invite: InviteRow, now = Date.now()): Promise<CloudAccessResponse> {
    const known = this.answers.get(invite.id);
    if (known && known.until > now) return Promise.resolve(known.response);
    let asking = this.asking.get(invite.id);
    if (!asking) {
      asking = this.redeem(invite)
        .then(({ response, until }) => {
          this.answers.set(invite.id, { response, until });
          return response;
        })
        .finally(() => this.asking.delete(invite.id));
      this.asking.set(invite.id, asking);
    }
    return asking;
  }

  /** A revoked invite's token is handed out no more. */
  forget(inviteId: string): void {
    this.answers.delete(inviteId);
  }

  private async redeem(invite: InviteRow): Promise<Answer> {
    const refused = (reason: string, forMs: number): Answer => ({
      response: { cloud: null, reason, later: forMs === FAILED_FOR_MS },
      until: Date.now() + forMs,
    });
    if (!isWebOrigin(this.cloudUrl))
      return refused('the cloud is reached under a path; devices sync with the venue only', REFUSED_FOR_MS);
    if (invite.revokedAt) return refused('this invite was revoked', REFUSED_FOR_MS);
    const { path, init } = apiRequest('join', { body: { code: invite.code } });
    let response: Response;
    try {
      response = await fetch(`${this.cloudUrl}${path}`, { ...init, signal: AbortSignal.timeout(REDEEM_TIMEOUT_MS) });
    } catch {
      return refused('the cloud cannot be reached from the venue now', FAILED_FOR_MS);
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 404 || response.status === 410)
      return refused('this invite was made at the venue: the cloud does not know it', REFUSED_FOR_MS);
    if (!response.ok) return refused(`the cloud answered ${response.status}`, FAILED_FOR_MS);
    // The cloud's answer goes to devices: only a join of this very invite's event, role and person.
    if (
      !isCloudJoin(body) ||
      body.eventId !== this.eventId ||
      body.role !== invite.role ||
      (body as { personId?: unknown }).personId !== invite.personId
    )
      return refused('the cloud’s answer was not a join of this invite', FAILED_FOR_MS);
    return {
      response: { cloud: { url: this.cloudUrl, token: body.token, expiresAt: body.expiresAt } },
      until: Math.max(Date.now() + FAILED_FOR_MS, (body.expiresAt - RENEW_BEFORE_S) * 1000),
    };
  }
}
