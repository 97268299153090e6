import { describe, expect, it } from "vitest";
import { commandInput, handbackCommand } from "./flow-input.js";
import { runFlowTurn } from "./run-flow.js";
import { exampleFlows, FlowConversation } from "../../../test/fixtures/flows.js";

// The conversation table of the Kata tutorial "Create Simple Bot Handover from Chatbot to Agent".
const greeting =
  "Halo, selamat datang di layanan CS Bank ABC 😊\n\n Apakah ingin dihubungkan ke CS Bank " +
  "ABC yang sedang available?\n\n1. Ya\n2. Tidak\n\n💡 Cukup ketik angka pilihannya, ya";
const waitForAgent = "Mohon menunggu, ya. Sedang kami hubungkan ke CS Bank ABC yang tersedia! 😊";
const thanks = "Terima kasih sudah menghubungi Bank ABC 😊";

const flows = exampleFlows("bank-abc-simple.json");
const conversation = () => new FlowConversation(flows, "Channel::Whatsapp");

describe("Bank ABC simple bot: the tutorial's conversation table", () => {
  it.each(["hi", "Halo", "hai", "hello", "pagi", "Selamat siang", "sore kak", "malam", "Assalamualaikum", "assalamu'alaikum"])(
    "greets %j with the menu",
    (text) => {
      const c = conversation();
      const result = c.send(text);
      expect(result.kind).toBe("start");
      expect(result.intent).toBe("greetings");
      expect(result.messages).toEqual([{ content: greeting }]);
      expect(c.cursor).toMatchObject({ flowId: "handover", state: "greetings" });
    },
  );

  it('"1" asks for a handover to the default division and ends the flow', () => {
    const c = conversation();
    c.say("halo");
    const result = c.send("1");
    expect(result.kind).toBe("transition");
    expect(result.intent).toBe("menu");
    expect(result.messages.map((m) => m.content)).toEqual([waitForAgent]);
    expect(result.handover).toEqual({ divisionId: null });
    expect(result.cursor).toBeNull();
  });

  it('"2" ends the conversation with thanks, and no handover', () => {
    const c = conversation();
    c.say("halo");
    const result = c.send("2");
    expect(result.messages.map((m) => m.content)).toEqual([thanks]);
    expect(result.handover).toBeUndefined();
    expect(result.cursor).toBeNull();
  });

  it("the menu keywords also take satu / dua and ya / tidak (with chat spellings)", () => {
    for (const [answer, expected] of [
      ["satu", waitForAgent],
      ["Ya", waitForAgent],
      ["iya", waitForAgent],
      ["dua", thanks],
      ["tidak", thanks],
      ["gak", thanks],
    ] as const) {
      const c = conversation();
      c.say("hi");
      expect(c.say(answer), answer).toEqual([expected]);
    }
  });

  it("says thanks once the agent hands the conversation back (the table's last row)", () => {
    const result = runFlowTurn(flows, null, commandInput(handbackCommand, "whatsapp"), { seed: "s" });
    expect(result.messages.map((m) => m.content)).toEqual([thanks]);
    expect(result.cursor).toBeNull();
    // A customer cannot trigger it by typing the word.
    expect(conversation().send("handback").kind).toBe("none");
  });

  it("an invalid answer repeats the question; outside the flow nothing matches", () => {
    const c = conversation();
    c.say("halo");
    const invalid = c.send("3");
    expect(invalid.kind).toBe("fallback");
    expect(invalid.messages.map((m) => m.content)).toEqual([greeting]);
    expect(conversation().send("1").kind).toBe("none");
  });

  it('a menu answer must be short: a sentence with "tidak" in it is not "dua"', () => {
    const c = conversation();
    c.say("halo");
    expect(c.send("kartu saya tidak bisa dipakai").kind).toBe("fallback");
  });
});
