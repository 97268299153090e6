import * as adminTokensQ from "../../db/queries/admin-tokens.js";
import { newSecret } from "../../ids.js";
import { constantTimeEqual, matchesSha256Hex, sha256Hex } from "../../secrets.js";
import type { ServiceDeps } from "../context.js";

export type AdminTokenVerifier = (presented: string) => boolean;

export type AdminTokenSetup = {
  verify: AdminTokenVerifier;
  /** Set only on the very first start without ADMIN_TOKEN: the caller prints it once. */
  generatedToken: string | undefined;
};

/**
 * ADMIN_TOKEN wins when set. Otherwise a token is generated on first start and only its hash is
 * stored, so later starts (and other processes) verify against the same hash.
 */
export async function setUpAdminToken(deps: Pick<ServiceDeps, "db">, configured: string | undefined): Promise<AdminTokenSetup> {
  if (configured !== undefined) {
    return { verify: (presented) => constantTimeEqual(presented, configured), generatedToken: undefined };
  }
  let generatedToken: string | undefined;
  let storedHash = await adminTokensQ.findAdminTokenHash(deps.db);
  if (storedHash === undefined) {
    const token = `sb_${newSecret()}`;
    if (await adminTokensQ.insertAdminTokenHash(deps.db, sha256Hex(token))) generatedToken = token;
    storedHash = await adminTokensQ.findAdminTokenHash(deps.db);
  }
  const hash = storedHash;
  return { verify: (presented) => matchesSha256Hex(presented, hash), generatedToken };
}
