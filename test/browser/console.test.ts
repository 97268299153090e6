import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { getDivisionRoute } from "../../src/http/routes/divisions/get-division.js";
import { listDivisionsRoute } from "../../src/http/routes/divisions/list-divisions.js";
import { getSettingsRoute } from "../../src/http/routes/settings/get-settings.js";
import { bodyOf } from "../harness/contract.js";
import { type ConsoleHarness, startConsole } from "./console-harness.js";

// The console as a new user meets it: sign in, import Bank ABC, configure, chat, edit a prompt, read analytics.
let h: ConsoleHarness;
let page: Page;
let botId: string;

beforeAll(async () => {
  h = await startConsole();
  page = await h.newPage();
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (error) => {
    throw error;
  });
});
afterEach(async (ctx) => {
  // A failing step leaves a picture of what the browser showed.
  if (ctx.task.result?.state === "fail") await h.shot(page, `failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, "-")}`);
});
afterAll(async () => {
  await h.close();
});

const heading = (name: string) => page.getByRole("heading", { level: 1, name });
const nav = (name: string) => page.getByRole("navigation").getByRole("link", { name, exact: true });

describe("the admin console", () => {
  it("signs in with the admin token, refusing a wrong one at the field", async () => {
    await page.goto(`${h.baseUrl}/console`);
    await page.getByLabel("Admin token").fill("not-the-token-at-all");
    await page.getByRole("button", { name: "Sign in" }).click();
    const field = page.getByLabel("Admin token");
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("not valid");
    await h.shot(page, "01-sign-in-error");
    await field.fill(h.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await heading("Bots").waitFor();
    // Kept for this tab only: sessionStorage, read in the page.
    expect(await page.evaluate('sessionStorage.getItem("switchboard.adminToken")')).toBe(h.token);
    await h.shot(page, "02-bots-empty");
  });

  it("imports the Bank ABC Instagram example in one click and shows its webhook URL once", async () => {
    await page.getByRole("button", { name: "Import Bank ABC (Instagram)" }).click();
    const url = page.getByLabel("Webhook URL", { exact: true });
    await url.waitFor();
    expect(await url.inputValue()).toMatch(/^http:\/\/switchboard\.test\/webhooks\//);
    // Imported without a signing secret: the answer and the bot's row say so.
    expect(await page.getByText(/No signing secret: deliveries are authenticated only by the token/).count()).toBe(2);
    await page.getByRole("button", { name: "Check connection" }).first().click();
    await page.getByText("Connection: a check failed").waitFor();
    await h.shot(page, "03-bots-imported");
    await page.getByRole("link", { name: /^Open / }).click();
    await heading("Smart Handover Agent").waitFor();
    botId = decodeURIComponent(/#\/bots\/([^/]+)\//.exec(page.url())?.[1] ?? "");
    expect(botId).toMatch(/^bot_/);
  });

  it("Smart Handover Agent: toggle, messages with a live preview, errors at the field, Save Changes", async () => {
    const toggle = page.getByLabel("Activate Smart Handover Agent");
    expect(await toggle.isChecked()).toBe(true);
    const handover = page.getByLabel("Message Answer").first();
    await handover.fill("Halo! Kami sambungkan ke tim {{division}} ya.");
    await page.getByText("Halo! Kami sambungkan ke tim Pengaduan & Customer Service ya.").waitFor();
    await handover.fill("Halo {{nama}}");
    await page.getByRole("button", { name: "Save Changes" }).click();
    await expect.poll(() => handover.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#message-handover-text-error").textContent()).toContain("unknown placeholder {{nama}}");
    await h.shot(page, "04-smart-handover-error");
    await handover.fill("Halo! Kami sambungkan ke tim {{division}} ya.");
    await page.getByLabel("Confidence threshold").fill("0.7");
    expect(await page.getByLabel("Show the bot typing while it thinks").isChecked()).toBe(true);
    await page.getByLabel("Show the bot typing while it thinks").uncheck();
    await page.getByRole("button", { name: "Save Changes" }).click();
    await page.getByText("Saved.").waitFor();
    const settings = bodyOf(await h.t.request("GET", `/v1/bots/${botId}/settings`), getSettingsRoute, 200);
    expect(settings.confidenceThreshold).toBe(0.7);
    expect(settings.inbox).toEqual({ typingIndicator: false, handoverAttributes: true });
    expect(settings.messages.handover.text).toBe("Halo! Kami sambungkan ke tim {{division}} ya.");
    await h.shot(page, "05-smart-handover-saved");
  });

  it("test chat: quick replies and carousels are clickable, each turn shows its decision", async () => {
    await nav("Test chat").click();
    await heading("Test chat").waitFor();
    await page.getByLabel("Channel").selectOption("Channel::WebWidget"); // shows quick replies and cards
    await page.getByLabel("Message", { exact: true }).fill("faq");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("button", { name: "Daftar kartu kredit" }).click();
    await expect.poll(() => page.locator(".turn").count()).toBe(2);
    await page.getByRole("button", { name: "Restart" }).click();
    await page.getByLabel("Message", { exact: true }).fill("promo");
    await page.getByRole("button", { name: "Send" }).click();
    await page.locator(".carousel-card button").first().waitFor();
    await h.shot(page, "06-test-chat-carousel");
    await page.locator(".carousel-card button").first().click();
    await expect.poll(() => page.locator(".turn").count()).toBe(2);
    await page.getByRole("button", { name: "Restart" }).click();
    await page.getByLabel("Message", { exact: true }).fill("kartu kredit saya hilang");
    await page.getByRole("button", { name: "Send" }).click();
    const decision = page.locator(".decision").last();
    await decision.getByText("Kartu Kredit & Debit").first().waitFor();
    expect(await decision.textContent()).toContain("handover");
    expect(await decision.textContent()).toContain("assign to team");
    await page.getByText("Handed over to a human").waitFor();
    await h.shot(page, "07-test-chat-handover");
  });

  it("divisions: + Add Division Name, Add Prompt, then Edit prompt with its impact preview before Save Update, and a new version", async () => {
    await nav("Divisions").click();
    await page.getByRole("button", { name: "+ Add Division Name" }).click();
    await page.getByLabel("Division", { exact: true }).fill("Marketing");
    await page.getByLabel("Inbox team id").fill("9");
    await page.getByRole("button", { name: "Add Prompt" }).click();
    await expect.poll(() => page.getByLabel("Prompt", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Prompt", { exact: true }).fill("Alihkan ke agent jika user bertanya tentang promo dan kerja sama.");
    await page.getByRole("button", { name: "Add Prompt" }).click();
    await heading("Edit prompt: Marketing").waitFor();

    // An example with an intent (set through the API) keeps it when the form edits the list around it.
    const divisions = bodyOf(await h.t.request("GET", `/v1/bots/${botId}/divisions`), listDivisionsRoute, 200);
    const cardsId = divisions.items.find((d) => d.name === "Kartu Kredit & Debit")?.id ?? "";
    await h.t.request("PATCH", `/v1/bots/${botId}/divisions/${cardsId}`, {
      body: { examples: [{ text: "limit kartu kredit saya turun", intent: "credit_limit" }] },
    });
    await nav("Divisions").click();
    await page.getByRole("link", { name: "Edit prompt of Kartu Kredit & Debit" }).click();
    await heading("Edit prompt: Kartu Kredit & Debit").waitFor();
    await page.getByLabel("Prompt", { exact: true }).fill("Serahkan ke tim kartu hanya untuk tagihan dan limit kartu kredit.");
    await page.getByLabel("Keywords (comma-separated)").fill("tagihan kartu");
    expect(await page.getByLabel("Example messages (one per line)").inputValue()).toBe("limit kartu kredit saya turun");
    await page.getByLabel("Example messages (one per line)").fill("limit kartu kredit saya turun\nberapa tagihan kartu kredit saya");
    // Without an LLM the prompt alone decides nothing; switching the division off changes the earlier turn.
    await page.getByLabel("Active", { exact: true }).uncheck();
    await page.getByLabel("Priority in the inbox").selectOption("urgent");
    await page.getByLabel("Labels in the inbox (comma-separated)").fill("kartu, Tagihan");
    await page.getByRole("button", { name: "Save Update" }).click();
    // The preview replays the logged turns in a throwaway database: allow it time on a busy machine.
    await page.getByRole("heading", { name: /Turns that would change: \d+/ }).waitFor({ timeout: 60_000 });
    const impact = await page.locator(".impact").textContent();
    expect(impact).toContain("kartu kredit saya hilang");
    expect((await h.t.request("GET", `/v1/bots/${botId}/divisions`)).text).not.toContain("hanya untuk tagihan");
    await h.shot(page, "08-impact-preview");
    await page.getByRole("button", { name: "Save Update" }).click();
    await page.getByText("Saved: prompt version 2.").waitFor();
    const saved = bodyOf(await h.t.request("GET", `/v1/bots/${botId}/divisions/${cardsId}`), getDivisionRoute, 200);
    expect(saved.examples).toEqual([{ text: "limit kartu kredit saya turun", intent: "credit_limit" }, "berapa tagihan kartu kredit saya"]);
    expect(saved).toMatchObject({ priority: "urgent", labels: ["kartu", "tagihan"] });
    await page.getByRole("button", { name: "Version 1" }).click();
    await page.locator(".diff ins").first().waitFor();
    expect(await page.locator(".diff ins").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("hanya")]));
    await h.shot(page, "09-prompt-versions");
  });

  it("office hours, flows and conversations", async () => {
    await nav("Office hours").click();
    await page
      .getByText(/Open now|Closed now/)
      .first()
      .waitFor();
    await h.shot(page, "10-office-hours");

    await nav("Flows").click();
    await page.getByRole("link", { name: "handover", exact: true }).click();
    await page.locator(".state-card").first().waitFor();
    const json = page.getByLabel("Flow JSON");
    await json.fill((await json.inputValue()).replace('"to": "faqState"', '"to": "noSuchState"'));
    await page.getByRole("button", { name: "Save Changes" }).click();
    await page.locator("#flow-json-errors").getByText("noSuchState").first().waitFor();
    await h.shot(page, "11-flows-error");

    await nav("Conversations").click();
    await page.locator("tbody tr").first().waitFor();
    await page.locator("tbody tr a").first().click();
    await page.getByRole("heading", { name: "Decision trace" }).waitFor();
    await h.shot(page, "12-conversations");
  });

  it("analytics: the period's figures and charts, test-chat turns on request", async () => {
    await nav("Analytics").click();
    await heading("Analytics").waitFor();
    await page.getByText(/test-chat turns are not counted/).waitFor();
    await page.getByLabel("Include test-chat turns").check();
    const turns = page.locator(".kpi .kpi-value").first();
    // faq, a quick reply, promo, a carousel button, "kartu kredit saya hilang".
    await expect.poll(() => turns.textContent()).toBe("5");
    await page.getByRole("img", { name: /^Handovers by division: Kartu Kredit & Debit 1/ }).waitFor();
    await h.shot(page, "13-analytics");
  });

  it("works at tablet width", async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await nav("Smart Handover Agent").click();
    await heading("Smart Handover Agent").waitFor();
    await h.shot(page, "14-tablet-smart-handover");
    await nav("Analytics").click();
    await heading("Analytics").waitFor();
    await page.locator(".kpi").first().waitFor();
    await h.shot(page, "15-tablet-analytics");
  });
});
