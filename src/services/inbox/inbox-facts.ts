import type { Logger } from "pino";
import type { InboxClient } from "../../inbox/inbox-client.js";
import { atLeast, firstRelease, type InboxFeature, parseRelease, type Release } from "../../inbox/inbox-version.js";
import type { Clock } from "../../time/clock.js";

/**
 * What an inbox lets the bot do, from its version (`GET /api`, read at most once an hour per inbox
 * URL) and from what it refused. An inbox whose version is unknown (unreadable, or a fork naming
 * none) may be asked; a refusal is then remembered for as long as the reading.
 */
export type InboxFacts = {
  has(client: InboxClient, feature: InboxFeature): Promise<boolean>;
  /** The inbox refused the feature to the bot (a 401): it is not asked again until the reading expires. */
  refused(client: InboxClient, feature: InboxFeature): void;
};

/** How long a version reading is kept: upgrades are rare; an unreadable version is asked again sooner. */
export const versionMaxAgeMs = 3_600_000;
const unknownVersionMaxAgeMs = 300_000;

type Reading = { release: Promise<Release | null>; expiresAt: number; refused: Set<InboxFeature> };

export function createInboxFacts(args: { clock: Clock; logger: Logger }): InboxFacts {
  const readings = new Map<string, Reading>();
  const now = () => args.clock.now().toMillis();

  function reading(client: InboxClient): Reading {
    const cached = readings.get(client.baseUrl);
    if (cached && cached.expiresAt > now()) return cached;
    const entry: Reading = { release: Promise.resolve(null), expiresAt: now() + versionMaxAgeMs, refused: new Set() };
    entry.release = client.readVersion().then(
      (version) => {
        const release = version === null ? null : parseRelease(version);
        if (release === null) entry.expiresAt = now() + unknownVersionMaxAgeMs;
        return release;
      },
      (error: unknown) => {
        args.logger.info({ err: error, inbox: client.baseUrl }, "could not read the inbox's version; treating it as unknown");
        entry.expiresAt = now() + unknownVersionMaxAgeMs;
        return null;
      },
    );
    readings.set(client.baseUrl, entry);
    return entry;
  }

  return {
    async has(client, feature) {
      const entry = reading(client);
      if (entry.refused.has(feature)) return false;
      const release = await entry.release;
      return release === null || atLeast(release, firstRelease[feature]);
    },
    refused(client, feature) {
      reading(client).refused.add(feature);
    },
  };
}
