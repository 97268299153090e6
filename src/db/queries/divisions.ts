import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { divisionPromptVersions } from "../schema/division-prompt-versions.js";
import { divisions } from "../schema/divisions.js";

export type DivisionRow = typeof divisions.$inferSelect;
export type NewDivisionRow = typeof divisions.$inferInsert;
export type PromptVersionRow = typeof divisionPromptVersions.$inferSelect;

export async function insertDivision(db: Db, row: NewDivisionRow): Promise<DivisionRow> {
  const [inserted] = await db.insert(divisions).values(row).returning();
  if (!inserted) throw new Error("insertDivision returned no row");
  return inserted;
}

export async function listDivisions(db: Db, botId: string): Promise<DivisionRow[]> {
  return db.select().from(divisions).where(eq(divisions.botId, botId)).orderBy(asc(divisions.seq));
}

export async function findDivision(db: Db, botId: string, id: string): Promise<DivisionRow | undefined> {
  const [row] = await db
    .select()
    .from(divisions)
    .where(and(eq(divisions.botId, botId), eq(divisions.id, id)));
  return row;
}

export async function updateDivision(
  db: Db,
  id: string,
  changes: Partial<Omit<NewDivisionRow, "id" | "botId" | "createdAt">>,
): Promise<DivisionRow | undefined> {
  const [row] = await db.update(divisions).set(changes).where(eq(divisions.id, id)).returning();
  return row;
}

export async function deleteDivision(db: Db, botId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(divisions)
    .where(and(eq(divisions.botId, botId), eq(divisions.id, id)))
    .returning({ id: divisions.id });
  return rows.length > 0;
}

export async function insertPromptVersion(db: Db, row: typeof divisionPromptVersions.$inferInsert): Promise<void> {
  await db.insert(divisionPromptVersions).values(row);
}

export async function listPromptVersions(db: Db, divisionId: string): Promise<PromptVersionRow[]> {
  return db.select().from(divisionPromptVersions).where(eq(divisionPromptVersions.divisionId, divisionId)).orderBy(desc(divisionPromptVersions.version));
}

export async function findPromptVersion(db: Db, divisionId: string, version: number): Promise<PromptVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(divisionPromptVersions)
    .where(and(eq(divisionPromptVersions.divisionId, divisionId), eq(divisionPromptVersions.version, version)));
  return row;
}
