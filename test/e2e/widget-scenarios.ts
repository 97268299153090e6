import { expect } from "vitest";
import { type Scenario, csTeamId } from "./scenarios.js";

/** Web widget: the menu choice arrives as `<p>1</p>` on 4.9–4.12 and is still the choice. */
export async function widgetChoiceRenderedAsHtml(s: Scenario): Promise<void> {
  const { inbox, script, contact } = s;
  expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  expect(await inbox.customer(contact, script.handoverChoice)).toEqual([script.waitMessage]);
  expect(inbox.emulator.conversation({ contact })).toMatchObject({ status: "open", teamId: csTeamId });
}

/** Web widget quick replies come back as `message_updated` with `submitted_values` on the bot's own message. */
export async function widgetQuickReply(s: Scenario): Promise<void> {
  const { inbox, script, contact } = s;
  expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  await inbox.customer(contact, "1");
  const quickReply = inbox.emulator.transcript({ contact }).at(-1);
  expect(quickReply).toMatchObject({ from: "bot", contentType: "input_select", items: [{ title: "Daftar rekening baru" }, { title: "Daftar kartu kredit" }] });
  const seen = await inbox.after(contact, () => {
    inbox.emulator.widgetChooses(quickReply?.id ?? 0, "Daftar rekening baru");
  });
  expect(seen[0]).toBe("Untuk mendaftar rekening baru, kamu harus menyiapkan KTP, KK asli dan foto diri");
  expect(seen).toHaveLength(2);
  expect(seen[1]).toMatch(/^Apakah ada yang ingin kamu tanyakan kembali\?/);
}
