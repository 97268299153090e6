/** A Chatwoot release as [major, minor, patch]. */
export type Release = readonly [number, number, number];

/**
 * The release in a version string as `GET /api` names it ("4.15.1"; forks may add a prefix or a
 * suffix: "v4.15.1", "4.15.1-kata"); null when there is none.
 */
export function parseRelease(version: string): Release | null {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function atLeast(release: Release, minimum: Release): boolean {
  for (let i = 0; i < 3; i++) {
    const [a, b] = [release[i] ?? 0, minimum[i] ?? 0];
    if (a !== b) return a > b;
  }
  return true;
}

/**
 * The first Chatwoot release with what Switchboard uses only where the inbox has it, read in
 * Chatwoot's source at the release tags.
 */
export const firstRelease = {
  /** app/controllers/concerns/access_token_auth_helper.rb: `toggle_typing_status` in BOT_ACCESSIBLE_ENDPOINTS. */
  botTyping: [4, 11, 2],
  /** config/routes.rb: `post :custom_attributes` on a conversation (any token). */
  customAttributes: [1, 21, 0],
} as const satisfies Record<string, Release>;

export type InboxFeature = keyof typeof firstRelease;
