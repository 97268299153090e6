import * as botsQ from "../../db/queries/bots.js";
import { invalid } from "../../errors.js";
import { InboxApiError } from "../../inbox/inbox-api-error.js";
import type { PipelineDeps } from "../pipeline-deps.js";

/** What checking a division's team needs: the bot and its inbox client. */
export type TeamCheckDeps = Pick<PipelineDeps, "db" | "inboxFor" | "logger">;

/**
 * Is `teamId` a team of the bot's inbox account? Asked with the administrator token when the bot
 * has one, because Chatwoot takes an unknown team id in an assignment without complaint: it clears
 * the conversation's team and answers `null`. Only the inbox's "no such team" (404) refuses the
 * save; an inbox that cannot be asked right now does not stop an admin from editing a division.
 */
export async function checkDivisionTeam(deps: TeamCheckDeps, botId: string, teamId: number | undefined): Promise<void> {
  if (teamId === undefined) return;
  const bot = await botsQ.findBot(deps.db, botId);
  const client = bot ? deps.inboxFor(bot) : null;
  if (!client?.hasAdminToken()) return;
  try {
    await client.getTeam(teamId);
  } catch (error) {
    if (error instanceof InboxApiError && error.details.status === 404) {
      throw invalid("teamId", `the inbox has no team ${String(teamId)} in account ${String(bot?.omnichatAccountId)}`);
    }
    deps.logger.warn({ err: error, botId, teamId }, "could not check the division's team with the inbox; saved unchecked");
  }
}
