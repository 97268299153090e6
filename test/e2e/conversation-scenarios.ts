import { expect } from "vitest";
import { type Scenario, appliedBotCalls, csTeamId, expectAtMostClosing, handOver, handoverCalls } from "./scenarios.js";

// The Bank ABC tutorial conversations (examples/bots/), each on a fresh customer, asserting what the customer sees and
// the inbox's state after every step. Written for the correct behaviour.

/** greeting → choice → only the handover message; team, note and open status; the calls in order. */
export async function greetingThenHandover(s: Scenario): Promise<void> {
  const id = await handOver(s);
  expect(s.inbox.emulator.conversation({ contact: s.contact })).toMatchObject({ status: "open", teamId: csTeamId, assigneeType: "User" });
  expect(appliedBotCalls(s, id)).toEqual(handoverCalls(s.profile));
}

/**
 * The customer writes again after an agent resolved the conversation. Chatwoot gives it back to
 * the bot (pending, or a new conversation on WhatsApp and Instagram): a fresh greeting. v1.18
 * reopened it to humans: silence, until the agent sets it back to `bot`.
 */
async function customerReturnsAfterResolve(s: Scenario): Promise<void> {
  const { inbox, script, contact } = s;
  if (s.profile === "legacy") {
    expect(await inbox.customer(contact, "halo")).toEqual([]);
    expect(inbox.emulator.conversation({ contact }).status).toBe("open");
    expectAtMostClosing(await inbox.after(contact, () => inbox.emulator.agentSetsPending({ contact })), script);
    expect(await inbox.customer(contact, "halo lagi")).toEqual([script.greeting]);
    return;
  }
  expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  expect(inbox.emulator.conversation({ contact }).status).toBe("pending");
}

/** A human owns it: silence; resolved: at most the closing message; back: a fresh greeting; pending: the bot resumes. */
export async function humanOwnsThenHandsBack(s: Scenario): Promise<void> {
  const { inbox, script, contact } = s;
  const first = await handOver(s);
  expect(await inbox.customer(contact, "halo, ada orang?")).toEqual([]);
  expect(await inbox.after(contact, () => inbox.emulator.agentReplies("Halo, saya Dimas dari CS Bank ABC.", { contact }))).toEqual([
    "Halo, saya Dimas dari CS Bank ABC.",
  ]);
  expect(await inbox.customer(contact, "kartu saya tertelan ATM")).toEqual([]);
  expectAtMostClosing(await inbox.after(contact, () => inbox.emulator.agentResolves({ contact })), script);
  expect(inbox.emulator.conversation({ conversationId: first })).toMatchObject({ status: "resolved" });
  await customerReturnsAfterResolve(s);
  expect(await inbox.customer(contact, script.handoverChoice)).toEqual([script.waitMessage]);
  expect(inbox.emulator.conversation({ contact }).status).toBe("open");
  expectAtMostClosing(await inbox.after(contact, () => inbox.emulator.agentSetsPending({ contact })), script);
  expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  expect(inbox.emulator.conversation({ contact }).status).toBe("pending");
}

/** An agent's public reply in a pending conversation silences the bot until it is handed back. */
export async function agentRepliesWhilePending(s: Scenario): Promise<void> {
  const { inbox, script, contact } = s;
  expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  const id = inbox.emulator.conversation({ contact }).displayId;
  expect(await inbox.after(contact, () => inbox.emulator.agentReplies("Selamat pagi, saya Sari. Ada yang bisa dibantu?", { contact }))).toEqual([
    "Selamat pagi, saya Sari. Ada yang bisa dibantu?",
  ]);
  expect(inbox.emulator.conversation({ contact }).status).toBe("pending");
  const callsBefore = appliedBotCalls(s, id).length;
  expect(await inbox.customer(contact, script.handoverChoice)).toEqual([]);
  expect(await inbox.customer(contact, "kartu saya hilang")).toEqual([]);
  expect(appliedBotCalls(s, id)).toHaveLength(callsBefore);
  expectAtMostClosing(await inbox.after(contact, () => inbox.emulator.agentResolves({ contact })), script);
  await customerReturnsAfterResolve(s);
}

/** An agent takes a pending conversation by opening it (Kata: "takeover by clicking Open"): the bot goes silent. */
export async function agentOpensPending(s: Scenario): Promise<void> {
  const { inbox, script, contact } = s;
  expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  expect(await inbox.after(contact, () => inbox.emulator.agentOpens({ contact }))).toEqual([]);
  // Opening assigns the agent from 3.x on (toggle_status + auto-assignment); v1.18 left it unassigned.
  expect(inbox.emulator.conversation({ contact })).toMatchObject({ status: "open", assigneeType: s.profile === "legacy" ? null : "User" });
  expect(await inbox.customer(contact, script.handoverChoice)).toEqual([]);
  expect(await inbox.customer(contact, "halo")).toEqual([]);
}

/** An agent gives the conversation to this bot: it takes over. */
export async function assignedToThisBot(s: Scenario): Promise<void> {
  const { inbox, script, contact } = s;
  await handOver(s);
  expectAtMostClosing(await inbox.after(contact, () => inbox.emulator.assignToBot(inbox.emulator.botId, { contact })), script);
  expect(inbox.emulator.conversation({ contact })).toMatchObject({ assigneeType: "AgentBot", assigneeAgentBotId: inbox.emulator.botId });
  expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
}

/** An agent gives the conversation to another bot: this one stays silent. */
export async function assignedToAnotherBot(s: Scenario): Promise<void> {
  const { inbox, script, contact } = s;
  expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  const id = inbox.emulator.conversation({ contact }).displayId;
  expect(await inbox.after(contact, () => inbox.emulator.assignToBot(inbox.emulator.otherBotId, { contact }))).toEqual([]);
  const callsBefore = appliedBotCalls(s, id).length;
  expect(await inbox.customer(contact, script.handoverChoice)).toEqual([]);
  expect(await inbox.customer(contact, "halo")).toEqual([]);
  expect(appliedBotCalls(s, id)).toHaveLength(callsBefore);
  expect(inbox.emulator.conversation({ contact })).toMatchObject({ status: "pending", assigneeAgentBotId: inbox.emulator.otherBotId });
}

/** A customer message created just before the handover's toggle_status, delivered after it: no reply, no hand-back. */
export async function messageRacesTheHandover(s: Scenario): Promise<void> {
  const { inbox, script, contact } = s;
  const { emulator } = inbox;
  const late = "halo? masih di sana?";
  expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  emulator.deliveries.hold((job) => job.event === "message_created" && job.body.includes(late));
  emulator.beforeNextApiCall("/toggle_status", () => emulator.customerSays(late, { contact }));
  expect(await inbox.customer(contact, script.handoverChoice)).toEqual([script.waitMessage]);
  const [held] = emulator.deliveries.held();
  expect(held?.payload).toMatchObject({ content: late, conversation: { status: emulator.profile === "legacy" ? "bot" : "pending" } });
  const id = emulator.conversation({ contact }).displayId;
  const calls = appliedBotCalls(s, id).length;
  expect(await inbox.after(contact, () => emulator.deliveries.release(held ? [held.id] : []))).toEqual([]);
  emulator.deliveries.resume();
  expect(appliedBotCalls(s, id)).toHaveLength(calls);
  expect(emulator.conversation({ contact })).toMatchObject({ status: "open", teamId: csTeamId });
  expect(await inbox.customer(contact, "tolong dibalas")).toEqual([]);
}

/** 429, 500 and timeouts in the middle of a handover: every action once, in order. */
export async function inboxFailsDuringHandover(s: Scenario): Promise<void> {
  const { inbox, script, contact } = s;
  const { emulator } = inbox;
  expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  const id = emulator.conversation({ contact }).displayId;
  emulator.failNextApiCalls("/messages", 429);
  emulator.failNextApiCalls("/assignments", 500);
  // Once the team is being assigned, the next message (the private note) is created and then times out.
  emulator.beforeNextApiCall("/assignments", () => {
    emulator.failNextApiCalls("/messages", "apply-then-hang");
  });
  emulator.failNextApiCalls("/toggle_status", "hang");
  expect(await inbox.customer(contact, script.handoverChoice)).toEqual([script.waitMessage]);
  const state = emulator.conversation({ contact });
  expect(state).toMatchObject({ status: "open", teamId: csTeamId });
  expect(state.privateNotes).toHaveLength(1);
  expect(appliedBotCalls(s, id)).toEqual(handoverCalls(s.profile));
}
