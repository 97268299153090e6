import type { Availability, ChannelType, Team, User, WorkingHour } from "./model.js";
import type { World } from "./store.js";

export type WorldOptions = {
  channel?: ChannelType;
  accountId?: number;
  inboxId?: number;
  botId?: number;
  /** The agent bot's webhook secret; null = a bot without one (deliveries unsigned). */
  botSecret?: string | null;
  botToken?: string;
  adminToken?: string;
  agentToken?: string;
  /** Availability of every seeded agent. */
  agentsAvailability?: Availability;
  /** Inbox#enable_auto_assignment (Chatwoot's default: true). */
  autoAssignment?: boolean;
  /** Account#keep_pending_on_bot_failure (4.11.0, #13512). */
  keepPendingOnBotFailure?: boolean;
  /** Inbox greeting template (app/services/message_templates/template/greeting.rb). */
  greeting?: string | null;
  /** Inbox out-of-office template, sent only when working hours are enabled and the inbox is closed. */
  outOfOffice?: string | null;
  workingHoursEnabled?: boolean;
  lockToSingleConversation?: boolean;
  /** Inbox#enable_email_collect: Chatwoot's default is true (the web widget then asks for an email). */
  enableEmailCollect?: boolean;
};

/** Mon–Fri 08:00–17:00, Sat 08:00–12:00, Sun closed (Bank ABC's hours, in the inbox's time zone). */
export function bankWorkingHours(): WorkingHour[] {
  return [0, 1, 2, 3, 4, 5, 6].map((day) => ({
    dayOfWeek: day,
    closedAllDay: day === 0,
    openAllDay: false,
    openHour: day === 0 ? null : 8,
    openMinutes: day === 0 ? null : 0,
    closeHour: day === 0 ? null : day === 6 ? 12 : 17,
    closeMinutes: day === 0 ? null : 0,
  }));
}

function agents(availability: Availability, agentToken: string, adminToken: string): User[] {
  const agent = (id: number, name: string, token: string): User => ({
    id,
    name,
    email: `${name.split(" ")[0]?.toLowerCase() ?? "agent"}@bank-abc.test`,
    role: "agent",
    availability,
    autoOffline: true,
    accessToken: token,
  });
  return [
    { id: 1, name: "Admin Bank ABC", email: "admin@bank-abc.test", role: "administrator", availability: "offline", autoOffline: true, accessToken: adminToken },
    agent(12, "Dimas Pratama", agentToken),
    agent(13, "Sari Wulandari", `${agentToken}-13`),
    agent(14, "Andi Saputra", `${agentToken}-14`),
  ];
}

/** The five divisions of the shipped Bank ABC bots (teams 1–5); Chatwoot stores team names lower-cased. */
function teams(): Team[] {
  const team = (id: number, name: string, memberIds: number[]): Team => ({ id, name, description: "", allowAutoAssign: true, memberIds });
  return [
    team(1, "pengaduan & customer service", [12, 13]),
    team(2, "kartu kredit & debit", [12]),
    team(3, "fraud", [14]),
    team(4, "rekening", [13]),
    team(5, "pinjaman", [14]),
  ];
}

/** One account, one agent-bot inbox, the bot, an administrator, three agents, five teams. */
export function seedWorld(options: WorldOptions = {}): World {
  const channel = options.channel ?? "Channel::Whatsapp";
  const adminToken = options.adminToken ?? "emulator-admin-token";
  const users = agents(options.agentsAvailability ?? "online", options.agentToken ?? "emulator-agent-token", adminToken);
  const botId = options.botId ?? 5;
  return {
    account: { id: options.accountId ?? 1, name: "Bank ABC", keepPendingOnBotFailure: options.keepPendingOnBotFailure ?? false },
    inbox: {
      id: options.inboxId ?? 3,
      name: channel === "Channel::WebWidget" ? "Website Bank ABC" : `${channel.replace("Channel::", "")} Bank ABC`,
      channelType: channel,
      channelId: 1,
      agentBotId: botId,
      agentBotActive: true,
      memberIds: users.filter((u) => u.role === "agent").map((u) => u.id),
      enableAutoAssignment: options.autoAssignment ?? true,
      greetingEnabled: options.greeting !== undefined && options.greeting !== null,
      greetingMessage: options.greeting ?? null,
      workingHoursEnabled: options.workingHoursEnabled ?? false,
      outOfOfficeMessage: options.outOfOffice ?? null,
      timezone: "Asia/Jakarta",
      workingHours: bankWorkingHours(),
      lockToSingleConversation: options.lockToSingleConversation ?? false,
      enableEmailCollect: options.enableEmailCollect ?? true,
    },
    bots: [
      {
        id: botId,
        name: "Smart Handover Agent",
        description: "Switchboard",
        outgoingUrl: null,
        accessToken: options.botToken ?? "emulator-bot-token",
        secret: options.botSecret === undefined ? "emulator-bot-secret" : options.botSecret,
        accountId: options.accountId ?? 1,
      },
      {
        id: botId + 1,
        name: "Other Bot",
        description: "another agent bot of the account",
        outgoingUrl: null,
        accessToken: "emulator-other-bot-token",
        secret: null,
        accountId: options.accountId ?? 1,
      },
    ],
    users,
    teams: teams(),
  };
}
