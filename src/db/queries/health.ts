import { sql } from "drizzle-orm";
import type { Db } from "../client.js";

export async function selectOne(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
