import { asc } from "drizzle-orm";
import type { Db } from "../client.js";
import { adminTokens } from "../schema/admin-tokens.js";

export async function findAdminTokenHash(db: Db): Promise<string | undefined> {
  const [row] = await db.select().from(adminTokens).orderBy(asc(adminTokens.createdAt)).limit(1);
  return row?.tokenHash;
}

/** Inserts the first admin token hash; returns false when another process stored one first. */
export async function insertAdminTokenHash(db: Db, tokenHash: string): Promise<boolean> {
  const rows = await db.insert(adminTokens).values({ id: "primary", tokenHash }).onConflictDoNothing().returning({ id: adminTokens.id });
  return rows.length > 0;
}
