import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { help, runLine } from "./cli-commands.js";
import { type ChatwootEmulator, startChatwootEmulator } from "./emulator.js";
import type { ChannelType } from "./model.js";
import { type ProfileName, isProfileName, profileNames } from "./profiles.js";

// `npm run fake-inbox`: a Chatwoot inbox on 127.0.0.1 to try Switchboard without one. Type as the
// customer; the emulator delivers webhooks to the bot and shows what the customer sees.

const channels: Record<string, ChannelType> = {
  whatsapp: "Channel::Whatsapp",
  widget: "Channel::WebWidget",
  instagram: "Channel::Instagram",
  facebook: "Channel::FacebookPage",
  api: "Channel::Api",
};

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: "string" },
      profile: { type: "string", default: "current" },
      channel: { type: "string", default: "whatsapp" },
      webhook: { type: "string" },
      secret: { type: "string" },
      delay: { type: "string", default: "0" },
      greeting: { type: "string" },
    },
  });
  const profile = values.profile;
  const channel = channels[values.channel];
  if (!isProfileName(profile)) throw new Error(`--profile must be one of ${profileNames.join(", ")}`);
  if (!channel) throw new Error(`--channel must be one of ${Object.keys(channels).join(", ")}`);
  const port = Number(values.port ?? positionals[0] ?? 3001);
  const webhook = values.webhook ?? positionals[1];
  return {
    profile: profile satisfies ProfileName,
    channel,
    port,
    webhook,
    secret: values.secret,
    delayMs: Number(values.delay),
    greeting: values.greeting ?? null,
  };
}

function credentials(e: ChatwootEmulator): string {
  return [
    `Chatwoot emulator (${e.profile}) on ${e.baseUrl}: account ${String(e.accountId)}, inbox ${String(e.inboxId)}, agent bot ${String(e.botId)}`,
    `  bot token (botToken):      ${e.botToken}`,
    `  administrator token:       ${e.adminToken}`,
    `  webhook secret:            ${e.botSecret ?? "(none: this version does not sign)"}`,
    `  HTTP control:              ${e.baseUrl}/_control (POST /_control/customer {"text": "halo"})`,
  ].join("\n");
}

/** Prints every new message the customer or an agent would see, and every delivery that failed. */
function watch(e: ChatwootEmulator): void {
  let messages = 0;
  let errors = 0;
  let typing = 0;
  setInterval(() => {
    for (const m of e.store.messages.slice(messages)) {
      const conversation = e.store.conversationById(m.conversationId).displayId;
      const who =
        m.messageType === "incoming"
          ? "CUSTOMER"
          : m.messageType === "template"
            ? "INBOX"
            : m.messageType === "activity"
              ? "ACTIVITY"
              : m.private
                ? "NOTE"
                : m.sender?.type === "AgentBot"
                  ? "BOT"
                  : "AGENT";
      const items = Array.isArray(m.contentAttributes.items) ? ` ${JSON.stringify(m.contentAttributes.items)}` : "";
      process.stdout.write(`[#${String(conversation)} ${who} msg ${String(m.id)}] ${m.content ?? ""}${items}\n`);
    }
    messages = e.store.messages.length;
    for (const t of e.store.typing.slice(typing)) {
      if (!t.isPrivate) process.stdout.write(`[#${String(t.conversationId)} TYPING ${t.status}] ${t.by?.name ?? ""}\n`);
    }
    typing = e.store.typing.length;
    for (const error of e.agentBotErrors.slice(errors))
      process.stdout.write(`AGENT BOT ERROR ${error.event}: ${error.reason}${error.openedConversation ? " (conversation opened to humans)" : ""}\n`);
    errors = e.agentBotErrors.length;
  }, 200).unref();
}

async function main(): Promise<void> {
  const o = options();
  const emulator = await startChatwootEmulator({
    profile: o.profile,
    port: o.port,
    world: {
      channel: o.channel,
      agentsAvailability: process.env.FAKE_AGENTS === "offline" ? "offline" : "online",
      greeting: o.greeting,
      enableEmailCollect: false,
    },
    delivery: { delayMs: o.delayMs },
    ...(o.webhook && { webhookUrl: o.webhook }),
  });
  if (o.secret !== undefined) emulator.setBotSecret(o.secret === "none" ? null : o.secret);
  process.stdout.write(`${credentials(emulator)}\n\n${help}\n\n`);
  if (!o.webhook) process.stdout.write("No webhook yet: /webhook <the bot's webhookUrl>\n");
  watch(emulator);
  const state = { contact: "customer" };
  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    if (line.trim() === "/quit") {
      void emulator.close().then(() => process.exit(0));
      return;
    }
    const out = runLine(emulator, line, state);
    if (out) process.stdout.write(`${out}\n`);
  });
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-inbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
