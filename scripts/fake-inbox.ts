import { startFakeInbox } from "../test/harness/fake-inbox-server.js";

// A stand-in inbox (Chatwoot REST API) for trying Switchboard locally: prints every call it gets.
// Usage: npm run fake-inbox [-- <port> [<webhookUrl>]]  (default port 3001; with a webhookUrl it
// also echoes sent messages back, as a real inbox does). FAKE_AGENTS=offline: nobody is online.
const inbox = await startFakeInbox({ port: Number(process.argv[2] ?? 3001), agentsOnline: process.env.FAKE_AGENTS !== "offline" });
const webhookUrl = process.argv[3];
if (webhookUrl) inbox.setWebhookUrl(webhookUrl);
process.stdout.write(`fake inbox listening on ${inbox.baseUrl} (account 1)\n`);
let seen = 0;
let seenOther = 0;
setInterval(() => {
  for (const m of inbox.messages.slice(seen)) {
    process.stdout.write(`${m.private ? "NOTE   " : "MESSAGE"} conversation ${String(m.conversationId)}: ${m.content}\n`);
  }
  for (const o of inbox.other.slice(seenOther)) process.stdout.write(`CALL    ${o.path} ${JSON.stringify(o.body)}\n`);
  seen = inbox.messages.length;
  seenOther = inbox.other.length;
}, 200);
