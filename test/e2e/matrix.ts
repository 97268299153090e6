import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProfileName, profiles } from "../../emulator/chatwoot/index.js";
import { type E2eApp, type E2eInbox, type ShippedBot, connectInbox, createE2eApp } from "../harness/e2e.js";
import * as conversations from "./conversation-scenarios.js";
import { type Scenario, scripts } from "./scenarios.js";
import * as widget from "./widget-scenarios.js";

type Variant = { name: string; profile: ProfileName; skipStatusEvents?: boolean; only?: string[] };

/**
 * Every version profile, and Chatwoot's #9277/#10078 behaviour (no status events when opening
 * auto-assigns inside the save). That behaviour only shows when a conversation is opened without
 * an assignee: the bot's own handover assigns the team first, which already picks an agent, so
 * the variant runs the scenarios where an opening auto-assigns.
 */
export const variants: Variant[] = [
  { name: "legacy (v1.18)", profile: "legacy" },
  { name: "4.9–4.12", profile: "4.9-4.12" },
  { name: "current (4.13+)", profile: "current" },
  { name: "current, status events skipped after auto-assignment", profile: "current", skipStatusEvents: true, only: ["open", "handover"] },
];

type ScenarioFn = (s: Scenario) => Promise<void>;

/**
 * The conversations of conversation-scenarios.ts for one shipped bot, under every variant: one Switchboard app for
 * the file, and per variant a Chatwoot inbox of the bot's own channel plus a web-widget inbox.
 */
export function runScenarioMatrix(bot: ShippedBot): void {
  const script = scripts[bot];
  let app: E2eApp;
  beforeAll(async () => {
    app = await createE2eApp({ inboxTimeoutMs: 500 });
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
        if (!variant.only && (bot === "bank-abc-instagram" || profiles[variant.profile].renderedContent))
          widgetInbox = await connectInbox(app, { bot, profile: variant.profile, world: { channel: "Channel::WebWidget" }, behaviour });
      });
      const scenario = (key: string, title: string, fn: ScenarioFn, on: "channel" | "widget" = "channel") => {
        if (variant.only && !variant.only.includes(key)) return;
        it(title, async () => {
          const target = on === "widget" ? widgetInbox : inbox;
          n += 1;
          await fn({ app, inbox: target, script, profile: variant.profile, contact: `customer-${String(n)}` });
          expect(target.emulator.agentBotErrors).toEqual([]);
        });
      };

      scenario("handover", "greeting → choice → only the handover message; team, private note, status open", conversations.greetingThenHandover);
      scenario(
        "human",
        "silent while a human owns it; at most one closing message; a fresh greeting after; resumes after pending",
        conversations.humanOwnsThenHandsBack,
      );
      scenario("open", "an agent opens the pending conversation: the bot goes silent", conversations.agentOpensPending);
      scenario("reply", "an agent's public reply in a pending conversation silences the bot until it is handed back", conversations.agentRepliesWhilePending);
      // Assigning a conversation to an agent bot exists since 4.8.0 (Conversations::AssignmentService, #12836).
      if (variant.profile !== "legacy") {
        scenario("bot", "assigned to this bot: it takes over", conversations.assignedToThisBot);
        scenario("other-bot", "assigned to another bot: this one stays silent", conversations.assignedToAnotherBot);
      }
      scenario(
        "race",
        "a message created before the handover's toggle_status and delivered after it: no reply, no hand-back",
        conversations.messageRacesTheHandover,
      );
      scenario("failures", "429, 500 and timeouts during a handover: every action once, in order", conversations.inboxFailsDuringHandover);
      // Only 4.9.0–4.12.0 render the widget's text as HTML in the webhook (Message#webhook_data).
      if (profiles[variant.profile].renderedContent)
        scenario("html", "web widget: the choice sent as HTML is read from its plain text", widget.widgetChoiceRenderedAsHtml, "widget");
      if (bot === "bank-abc-instagram") scenario("quick-reply", "web widget: a quick reply comes back as message_updated", widget.widgetQuickReply, "widget");
    });
  }
}
