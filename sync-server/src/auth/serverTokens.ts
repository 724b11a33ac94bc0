import type { FastifyBaseLogger } from 'fastify';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import type { Config } from '../config.ts';
import { readSigningKey } from './signingKey.ts';
import { TokenService } from './tokens.ts';

/**
 * This server's tokens, as the server and the CLI both sign them: the configured signing key or
 * the one kept in the index database, the HS256 secret of older tokens for verification only,
 * and the revoked invites. Logs which key signs (its kid is public); never any key material.
 */
export async function openTokenService(
  catalog: IndexDatabase,
  config: Config,
  log?: FastifyBaseLogger,
): Promise<TokenService> {
  const ttlSeconds = config.tokenTtlDays * 86_400;
  let signingKey = config.signingKey;
  if (!signingKey) {
    const stored = readSigningKey(catalog.signingKeyPem());
    if (!stored.ok) throw new Error(`the signing key kept in the index database ${stored.reason}`);
    signingKey = stored.key;
  }
  const legacy = catalog.legacyTokenSecret(config.secret, ttlSeconds);
  const tokens = await TokenService.create({
    signingKey,
    ...(legacy === undefined ? {} : { legacy }),
    revokedInviteIds: catalog.revokedInviteIds(),
    ttlSeconds,
  });
  log?.info(
    {
      kid: tokens.kid,
      from: config.signingKey ? 'ONDECK_SIGNING_KEY' : 'index database',
      ...(legacy === undefined ? {} : { hs256AcceptedUntil: new Date(legacy.acceptUntil * 1000).toISOString() }),
    },
    'event tokens are signed Ed25519',
  );
  return tokens;
}
