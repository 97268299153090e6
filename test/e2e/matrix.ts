import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileName } from "../../emulator/chatwoot/index.js";
import { type E2eApp, type E2eInbox, type ShippedBot, connectInbox, createE2eApp } from "../harness/e2e.js";
import * as conversations from "./conversation-scenarios.js";
import { type Scenario, scripts } from "./scenarios.js";
import * as widget from "./widget-scenarios.js";

type Variant = { name: string; profile: ProfileName; skipStatusEvents?: boolean };

/** Every version profile, and Chatwoot's #9277/#10078 behaviour (no status events after auto-assignment). */
export const variants: Variant[] = [
  { name: "legacy (v1.18)", profile: "legacy" },
  { name: "4.9–4.12", profile: "4.9-4.12" },
  { name: "current (4.13+)", profile: "current" },
  { name: "current, status events skipped after auto-assignment", profile: "current", skipStatusEvents: true },
];

type ScenarioFn = (s: Scenario) => Promise<void>;

/**
 * The issue #11 conversations for one shipped bot, under every variant: one Switchboard app for
 * the file, and per variant a Chatwoot inbox of the bot's own channel plus a web-widget inbox.
 */
export function runScenarioMatrix(bot: ShippedBot): void {
  const script = scripts[bot];
  let app: E2eApp;
  beforeAll(async () => {
    app = await createE2eApp({ inboxTimeoutMs: 800 });
  });
  afterAll(async () => {
    // Zero agent-bot errors across the whole suite: no delivery failed, none opened a conversation.
    const errors = [...app.emulators].flatMap((e) => e.agentBotErrors);
    await app.close();
    expect(errors).toEqual([]);
  });

  for (const variant of variants) {
    describe(`${bot} on ${variant.name}`, () => {
      let inbox: E2eInbox;
      let widgetInbox: E2eInbox;
      let n = 0;
      beforeAll(async () => {
        const behaviour = { skipStatusEventsAfterAutoAssignment: variant.skipStatusEvents ?? false };
        inbox = await connectInbox(app, { bot, profile: variant.profile, world: { channel: script.channel }, behaviour });
        widgetInbox = await connectInbox(app, { bot, profile: variant.profile, world: { channel: "Channel::WebWidget" }, behaviour });
      });
      const scenario = (title: string, fn: ScenarioFn, on: "channel" | "widget" = "channel") =>
        it(title, async () => {
          const target = on === "widget" ? widgetInbox : inbox;
          n += 1;
          await fn({ app, inbox: target, script, profile: variant.profile, contact: `customer-${String(n)}` });
          expect(target.emulator.agentBotErrors).toEqual([]);
        });

      scenario("greeting → choice → only the handover message; team, private note, status open", conversations.greetingThenHandover);
      scenario("silent while a human owns it; at most one closing message; a fresh greeting after; resumes after pending", conversations.humanOwnsThenHandsBack);
      scenario("an agent's public reply in a pending conversation silences the bot until it is handed back", conversations.agentRepliesWhilePending);
      // Assigning a conversation to an agent bot exists since 4.8.0 (Conversations::AssignmentService, #12836).
      if (variant.profile !== "legacy") {
        scenario("assigned to this bot: it takes over", conversations.assignedToThisBot);
        scenario("assigned to another bot: this one stays silent", conversations.assignedToAnotherBot);
      }
      scenario("a message created before the handover's toggle_status and delivered after it: no reply, no hand-back", conversations.messageRacesTheHandover);
      scenario("429, 500 and timeouts during a handover: every action once, in order", conversations.inboxFailsDuringHandover);
      scenario("web widget: the choice is read from its plain text", widget.widgetChoiceRenderedAsHtml, "widget");
      if (bot === "bank-abc-instagram") scenario("web widget: a quick reply comes back as message_updated", widget.widgetQuickReply, "widget");
    });
  }
}
