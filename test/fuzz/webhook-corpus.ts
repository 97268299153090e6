import { z } from "zod";
import { type ProfileName, startChatwootEmulator, type WorldOptions } from "../../emulator/chatwoot/index.js";
import { fixture, fixtureNames } from "../fixtures/chatwoot/index.js";

/** A delivery body: a JSON object. */
export type DeliveryBody = Record<string, unknown>;
/** The message the inbox answers a send with: its id is what the widget's choice refers to. */
const sentMessage = z.object({ id: z.number() });

/**
 * What Chatwoot really sends: the captured fixtures, and the deliveries the emulator makes for a
 * short conversation (customer, agent, note, team, status changes, a widget choice) under each
 * version profile and channel. Deliveries are held, never sent: only their bodies are kept.
 */
export async function realBodies(): Promise<DeliveryBody[]> {
  const bodies: DeliveryBody[] = fixtureNames.map((name) => fixture(name));
  const variants: [ProfileName, WorldOptions["channel"]][] = [
    ["current", "Channel::Whatsapp"],
    ["current", "Channel::WebWidget"],
    ["4.9-4.12", "Channel::WebWidget"],
    ["legacy", "Channel::Whatsapp"],
  ];
  for (const [profile, channel] of variants) bodies.push(...(await conversationBodies(profile, channel)));
  return bodies;
}

async function conversationBodies(profile: ProfileName, channel: WorldOptions["channel"]): Promise<DeliveryBody[]> {
  const emulator = await startChatwootEmulator({ profile, world: { channel, greeting: "Selamat datang di Bank ABC" }, webhookUrl: "http://127.0.0.1:9/held" });
  try {
    emulator.deliveries.hold();
    if (channel === "Channel::WebWidget") emulator.openWidget();
    const { conversationId } = emulator.customerSays("kartu kredit saya terblokir <b>&</b> 😀");
    const menu = sentMessage.safeParse(
      await fetch(`${emulator.baseUrl}/api/v1/accounts/1/conversations/${String(conversationId)}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", api_access_token: emulator.botToken },
        body: JSON.stringify({ content: "Pilih topik", content_type: "input_select", content_attributes: { items: [{ title: "Kartu", value: "kartu" }] } }),
      }).then((r) => r.json()),
    );
    if (channel === "Channel::WebWidget" && menu.success) emulator.widgetChooses(menu.data.id, "Kartu");
    emulator.agentNote("cek mutasi", { conversationId });
    emulator.agentAssignsTeam(2, { conversationId });
    emulator.agentReplies("Baik, kami bantu", { conversationId });
    emulator.agentResolves({ conversationId });
    emulator.customerSays("halo lagi");
    emulator.agentSetsPending({ conversationId });
    return emulator.deliveries.held().map((d) => d.payload);
  } finally {
    await emulator.close();
  }
}
