import type { ChatwootEmulator } from "./emulator.js";

export const help = `Type a line to write as the customer. Commands:
  /agent <text>          an agent replies publicly        /note <text>     a private note
  /resolve  /pending  /open  /snooze                     the agent changes the status
  /team <id>             assign a team (1 CS, 2 cards, 3 fraud, 4 accounts, 5 loans)
  /assign <agentId>      assign an agent (12, 13, 14)     /bot [id]        assign an agent bot
  /presence <agentId> <online|busy|offline>               an agent's availability
  /choose <messageId> <title>   the widget picks a quick reply   /widget   the visitor opens the widget
  /webhook <url> [secret]       the bot's outgoing URL           /as <name>  talk as another customer
  /fail <path> <status|hang>    make the next matching API call fail
  /state   the conversation as an agent sees it               /help  /quit`;

export type CliState = { contact: string };

type Command = (emulator: ChatwootEmulator, args: string[], state: CliState) => string | undefined;

const target = (state: CliState) => ({ contact: state.contact });
const text = (args: string[]) => args.join(" ").trim();

const commands: Record<string, Command> = {
  agent: (e, args, s) => {
    e.agentReplies(text(args), target(s));
    return undefined;
  },
  note: (e, args, s) => {
    e.agentNote(text(args), target(s));
    return undefined;
  },
  resolve: (e, _args, s) => JSON.stringify(e.agentResolves(target(s))),
  pending: (e, _args, s) => JSON.stringify(e.agentSetsPending(target(s))),
  open: (e, _args, s) => JSON.stringify(e.agentOpens(target(s))),
  snooze: (e, _args, s) => JSON.stringify(e.agentSnoozes(target(s))),
  team: (e, args, s) => JSON.stringify(e.agentAssignsTeam(Number(args[0]), target(s))),
  assign: (e, args, s) => JSON.stringify(e.agentAssigns(Number(args[0]), target(s))),
  bot: (e, args, s) => JSON.stringify(e.assignToBot(args[0] ? Number(args[0]) : e.botId, target(s))),
  presence: (e, args) => {
    const availability = args[1];
    if (availability !== "online" && availability !== "busy" && availability !== "offline") return "usage: /presence <agentId> <online|busy|offline>";
    e.setAgentPresence(Number(args[0]), availability);
    return `agent ${String(args[0])} is ${availability}`;
  },
  choose: (e, args) => {
    e.widgetChooses(Number(args[0]), text(args.slice(1)));
    return undefined;
  },
  widget: (e, _args, s) => {
    e.openWidget(target(s));
    return undefined;
  },
  webhook: (e, args) => {
    if (!args[0]) return "usage: /webhook <url> [secret]";
    e.setBotWebhook(args[0], args[1]);
    return `deliveries go to ${args[0]}`;
  },
  as: (_e, args, s) => {
    s.contact = text(args) || "customer";
    return `you are now the customer "${s.contact}"`;
  },
  fail: (e, args) => {
    const mode = args[1] === "hang" ? "hang" : Number(args[1]);
    if (!args[0] || (mode !== "hang" && !Number.isInteger(mode))) return "usage: /fail <path> <status|hang>";
    e.failNextApiCalls(args[0], mode);
    return `the next call matching ${args[0]} fails with ${String(mode)}`;
  },
  state: (e, _args, s) => JSON.stringify(e.conversation(target(s)), null, 2),
  help: () => help,
};

/** Runs one line typed in the CLI; returns what to print (if anything). */
export function runLine(emulator: ChatwootEmulator, line: string, state: CliState): string | undefined {
  const trimmed = line.trim();
  if (trimmed === "") return undefined;
  if (!trimmed.startsWith("/")) {
    emulator.customerSays(trimmed, target(state));
    return undefined;
  }
  const [name = "", ...args] = trimmed.slice(1).split(/\s+/);
  const command = commands[name];
  if (!command) return `unknown command /${name}; /help lists them`;
  try {
    return command(emulator, args, state);
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}
