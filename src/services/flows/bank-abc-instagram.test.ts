import { describe, expect, it } from "vitest";
import { exampleFlows, FlowConversation } from "../../../test/fixtures/flows.js";

// Texts exactly as in the Kata tutorial "Create Instagram Bot Handover from Chatbot to Agent",
// with its mis-encoded quotes and emoji repaired.
const menu = (opening: string) =>
  `${opening} 😊 \n\nUntuk memulai, pilih menu yang tersedia: \n\nKetik "1" untuk melihat ` +
  `FAQ \nKetik “2” untuk melihat promo yang tersedia \nKetik “3” untuk melihat lokasi Bank ` +
  `ABC \nKetik “4” untuk berbicara dengan CS Bank ABC \n\n💡 Cukup ketik angka pilihannya, ya`;
const greeting = menu("Halo, selamat datang di layanan CS Bank ABC");
const mentionGreeting = menu("Halo, terima kasih telah menyapa Bank ABC di Instagram Story Anda");
const storyReplyGreeting = menu("Halo, terima kasih telah menyapa Instagram Story Bank ABC");
const faqQuestion = "Pilih topik yang kamu inginkan 😊";
const newAccount = "Untuk mendaftar rekening baru, kamu harus menyiapkan KTP, KK asli dan foto diri";
const creditCard = "Untuk mendaftar kartu kredit baru, kamu harus menyiapkan KTP, KK asli dan foto diri";
const b1g1 = 'Kamu telah memilih promo "Buy 1 Get 1" dari Bank ABC. Silahkan mengunjungi Kafe ABC terdekat Anda dan tunjukkan pesan ini 😊';
const discount = 'Kamu telah memilih promo "Diskon 10% di Mart ABC" dari Bank ABC. Silahkan mengunjungi Mart ABC terdekat Anda dan tunjukkan pesan ini 😊';
const location = "Lokasi bank ABC terdapat di Jalan Haji Nawi, Jakarta Selatan. Lihat peta: https://goo.gl/maps/eD2BGC6ZL7JpgBnU6";
const waitForAgent = "Mohon menunggu, ya. Sedang kami hubungkan ke CS Bank ABC yang tersedia! 😊";
const confirm =
  'Apakah ada yang ingin kamu tanyakan kembali? Pilih menu yang tersedia:\n\n1. Ketik "1" untuk melihat menu\n2. Ketik “2” untuk menyelesaikan pembicaraan';
const bye = "Terima kasih sudah menghubungi Bank ABC 😊";

const flows = exampleFlows("bank-abc-instagram.json");
const web = () => new FlowConversation(flows, "Channel::WebWidget");
const instagram = () => new FlowConversation(flows, "Channel::Instagram");

describe("Bank ABC Instagram bot: the tutorial, turn by turn", () => {
  it("greets, repeats the menu on an invalid answer, and walks FAQ → new account → confirm → restart", () => {
    const c = web();
    const hello = c.send("halo");
    expect(hello.kind).toBe("start");
    expect(hello.intent).toBe("greetingsIntent");
    expect(hello.messages.map((m) => m.content)).toEqual([greeting]);

    const invalid = c.send("9");
    expect(invalid.kind).toBe("fallback");
    expect(invalid.steps.map((s) => s.via)).toEqual(["self"]);
    expect(invalid.messages.map((m) => m.content)).toEqual([greeting]);

    const faq = c.send("1");
    expect(faq.kind).toBe("transition");
    expect(faq.messages).toEqual([
      {
        content: faqQuestion,
        content_type: "input_select",
        content_attributes: {
          items: [
            { title: "Daftar rekening baru", value: "Daftar rekening baru" },
            { title: "Daftar kartu kredit", value: "Daftar kartu kredit" },
          ],
        },
      },
    ]);

    // The web widget reports the pick as submitted_values: text = title, payload = value.
    const account = c.send("Daftar rekening baru", { payload: "Daftar rekening baru" });
    expect(account.kind).toBe("transition");
    expect(account.messages.map((m) => m.content)).toEqual([newAccount, confirm]);
    expect(account.steps.map((s) => [s.state, s.via, s.intent])).toEqual([
      ["rekeningBaruState", "transition", ""],
      ["confirmState", "transition", "nextIntent"],
    ]);

    const restart = c.send("1");
    expect(restart.messages.map((m) => m.content)).toEqual([greeting]);
    expect(restart.steps.map((s) => s.state)).toEqual(["backToMenu", "greetingsState"]);
    expect(c.cursor?.state).toBe("greetingsState");
  });

  it("answers the credit-card quick reply typed on Instagram as a numbered choice, then says bye on 2", () => {
    const c = instagram();
    c.say("hai kak");
    const faq = c.send("1");
    // Instagram cannot show input_select upstream: a numbered list instead.
    expect(faq.messages).toEqual([{ content: `${faqQuestion}\n\n1. Daftar rekening baru\n2. Daftar kartu kredit` }]);
    expect(c.say("2")).toEqual([creditCard, confirm]);
    const end = c.send("2");
    expect(end.messages.map((m) => m.content)).toEqual([bye]);
    expect(end.cursor).toBeNull();
  });

  it('shows the promo as cards and follows the B1G1 postback (payload.carousel == "b1g1")', () => {
    const c = web();
    c.say("selamat pagi");
    const promo = c.send("2");
    expect(promo.messages).toHaveLength(1);
    expect(promo.messages[0]?.content_type).toBe("cards");
    expect(promo.messages[0]?.content_attributes).toEqual({
      items: [
        {
          title: "Buy 1 Get 1",
          description: "Gratis 1 pancake di Kafe ABC",
          media_url: expect.stringMatching(/^https:\/\/images\.unsplash\.com\/photo-1630370939015/),
          actions: [
            { type: "postback", text: "B1G1", payload: '{"carousel":"b1g1"}' },
            { type: "link", text: "Lihat detail", uri: "https://docs.kata.ai" },
          ],
        },
        {
          title: "Diskon 10%",
          description: "Dapatkan di Mart ABC",
          media_url: expect.stringMatching(/^https:\/\/images\.unsplash\.com\/photo-1515706886582/),
          actions: [
            { type: "postback", text: "Diskon", payload: '{"carousel":"diskon"}' },
            { type: "link", text: "Lihat detail", uri: "https://docs.kata.ai" },
          ],
        },
      ],
    });
    const picked = c.send("", { payload: '{"carousel":"b1g1"}' });
    expect(picked.intent).toBe("carouselIntent");
    expect(picked.messages.map((m) => m.content)).toEqual([b1g1, confirm]);
  });

  it('takes the typed labels "B1G1" and "Diskon" as the tutorial\'s content conditions do', () => {
    const c = instagram();
    c.say("halo");
    const promo = c.send("2");
    expect(promo.messages[0]?.content).toBe(
      "Buy 1 Get 1\nGratis 1 pancake di Kafe ABC\n1. B1G1\nLihat detail: " +
        "https://docs.kata.ai\n\nDiskon 10%\nDapatkan di Mart ABC\n2. Diskon\nLihat detail: " +
        "https://docs.kata.ai",
    );
    expect(c.say("Diskon")).toEqual([discount, confirm]);
    c.say("1");
    c.say("2");
    expect(c.say("B1G1")).toEqual([b1g1, confirm]);
  });

  it("a postback payload alone reaches the promo through carouselIntent, even without offered choices", () => {
    const c = new FlowConversation(flows, "Channel::Api");
    c.say("halo");
    c.say("2");
    c.cursor = c.cursor && { ...c.cursor, offered: [] };
    const picked = c.send("Diskon", { payload: '{"carousel":"diskon"}' });
    expect(picked.intent).toBe("carouselIntent");
    expect(picked.messages.map((m) => m.content)).toEqual([discount, confirm]);
  });

  it("gives the location, then the confirm question", () => {
    const c = web();
    c.say("assalamualaikum");
    expect(c.say("3")).toEqual([location, confirm]);
  });

  it('hands over on "4" to the complaints division and ends the flow', () => {
    const c = web();
    c.say("halo");
    const handover = c.send("4");
    expect(handover.messages.map((m) => m.content)).toEqual([waitForAgent]);
    expect(handover.handover).toEqual({ divisionId: "complaints" });
    expect(handover.cursor).toBeNull();
  });

  it("greets a story mention and a story reply with their own menus", () => {
    const mention = instagram().send("", { attachmentTypes: ["story_mention"], contentAttributes: { image_type: "story_mention" } });
    expect(mention.intent).toBe("igMentionedIntent");
    expect(mention.messages.map((m) => m.content)).toEqual([mentionGreeting]);

    const c = instagram();
    const reply = c.send("promonya masih ada?", {
      attachmentTypes: ["story_reply"],
      contentAttributes: { story_id: "17900000000000001", story_url: "https://lookaside.example/story.jpg" },
    });
    expect(reply.intent).toBe("replyStoryIntent");
    expect(reply.messages.map((m) => m.content)).toEqual([storyReplyGreeting]);
    // The story menus lead on like the greeting menu.
    expect(c.say("3")).toEqual([location, confirm]);
  });

  it.each([
    ["FAQ", "faqIceBreaker", "faqState"],
    ["Promo", "promoIceBreaker", "carouselState"],
    ["Lokasi", "locationIceBreaker", "locationState"],
    ["Berbicara dengan CS", "csIceBreaker", "handoverState"],
  ])("answers the ice breaker %s", (question, intent, state) => {
    const result = instagram().send(question);
    expect(result.kind).toBe("start");
    expect(result.intent).toBe(intent);
    expect(result.steps[0]?.state).toBe(state);
  });

  it("ice breaker answers: FAQ quick reply, location text, handover", () => {
    expect(instagram().say("FAQ")[0]).toMatch(/^Pilih topik yang kamu inginkan 😊\n\n1\. Daftar rekening baru/);
    expect(instagram().say("Lokasi")).toEqual([location, confirm]);
    const cs = instagram().send("Berbicara dengan CS");
    expect(cs.messages.map((m) => m.content)).toEqual([waitForAgent]);
    expect(cs.handover).toEqual({ divisionId: "complaints" });
  });

  it("an ice breaker delivered as a postback (data) is recognised too", () => {
    const result = instagram().send("Promo", { payload: "PROMO" });
    expect(result.intent).toBe("promoIceBreaker");
  });

  it("the fallback intent catches unknown text inside the flow and the state repeats", () => {
    const c = web();
    c.say("halo");
    c.say("2");
    const unknown = c.send("yang mana ya");
    expect(unknown.kind).toBe("fallback");
    expect(unknown.intent).toBe("fallbackIntent");
    expect(unknown.messages[0]?.content_type).toBe("cards");
    // Outside any flow, unknown text is nobody's: the router (LLM / default reply) takes it.
    expect(web().send("yang mana ya").kind).toBe("none");
  });

  it("a greeting in the middle of a flow restarts the menu", () => {
    const c = web();
    c.say("halo");
    c.say("3");
    expect(c.cursor?.state).toBe("confirmState");
    expect(c.say("halo")).toEqual([greeting]);
  });

  it("a long message that merely contains a greeting word does not start the menu", () => {
    expect(web().send("kartu kredit saya diblokir tadi malam").kind).toBe("none");
  });
});
