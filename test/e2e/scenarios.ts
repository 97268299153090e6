import { expect } from "vitest";
import type { ProfileName } from "../../emulator/chatwoot/index.js";
import type { E2eApp, E2eInbox, ShippedBot } from "../harness/e2e.js";
import { actionText as exampleActionText, exampleBot } from "../fixtures/flows.js";

/** What a shipped bot says, read from its export so the tests follow the example files. */
export type BotScript = {
  bot: ShippedBot;
  channel: "Channel::Whatsapp" | "Channel::Instagram";
  greeting: string;
  /** The menu choice that asks for CS. */
  handoverChoice: string;
  waitMessage: string;
  /** The one message the bot may send when the conversation is closed or handed back. */
  closing: string;
};

const actionText = (bot: ShippedBot, state: string, action: string): string => exampleActionText(exampleBot(`${bot}.json`), action, state);

export const scripts: Record<ShippedBot, BotScript> = {
  "bank-abc-simple": {
    bot: "bank-abc-simple",
    channel: "Channel::Whatsapp",
    greeting: actionText("bank-abc-simple", "greetings", "greetings"),
    handoverChoice: "1",
    waitMessage: actionText("bank-abc-simple", "handover", "waitForAgent"),
    closing: actionText("bank-abc-simple", "afterHandover", "endAfterHandover"),
  },
  "bank-abc-instagram": {
    bot: "bank-abc-instagram",
    channel: "Channel::Instagram",
    greeting: actionText("bank-abc-instagram", "greetingsState", "greetingsText"),
    handoverChoice: "4",
    waitMessage: actionText("bank-abc-instagram", "handoverState", "waitForAgent"),
    closing: actionText("bank-abc-instagram", "bye", "bye"),
  },
};

/** The handover's team: both bots hand over to "Pengaduan & Customer Service" (team 1). */
export const csTeamId = 1;

export type Scenario = { app: E2eApp; inbox: E2eInbox; script: BotScript; profile: ProfileName; contact: string };

/** After a close or a hand-back the bot may say one closing message, and nothing else. */
export function expectAtMostClosing(seen: string[], script: BotScript): void {
  expect(seen.length).toBeLessThanOrEqual(1);
  if (seen.length === 1) expect(seen[0]).toBe(script.closing);
}

/**
 * The bot's calls the inbox carried out, as "METHOD last-path-segment": answered 2xx, or done and
 * then failed (a 5xx logged with the bot as caller; injected failures before the work log "fault").
 */
export function appliedBotCalls(s: Pick<Scenario, "inbox">, conversationId: number): string[] {
  // The administrator (user 1) acts for the bot where an old inbox refuses the bot token (assignments before 3.6).
  const callers = [`bot:${String(s.inbox.emulator.botId)}`, "user:1"];
  return s.inbox.emulator.apiCalls
    .filter((c) => callers.includes(c.caller) && c.path.includes(`/conversations/${String(conversationId)}/`))
    .filter((c) => c.status < 300 || c.status >= 500)
    .map((c) => `${c.method} ${c.path.split("/").at(-1) ?? ""}`);
}

/**
 * The bot's calls for greeting → handover: greeting, wait message, team, the decision as custom
 * attributes (their route exists from Chatwoot 1.21, so not on v1.18), private note, open.
 */
export function handoverCalls(profile: ProfileName): string[] {
  return [
    "POST messages",
    "POST messages",
    "POST assignments",
    ...(profile === "legacy" ? [] : ["POST custom_attributes"]),
    "POST messages",
    "POST toggle_status",
  ];
}

/** greeting → the CS choice → only the wait message; the inbox shows the team, a private note, status open. */
export async function handOver(s: Scenario): Promise<number> {
  const { inbox, script, contact } = s;
  expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  expect(await inbox.customer(contact, script.handoverChoice)).toEqual([script.waitMessage]);
  const state = inbox.emulator.conversation({ contact });
  expect(state).toMatchObject({ status: "open", teamId: csTeamId });
  expect(state.privateNotes).toHaveLength(1);
  return state.displayId;
}
