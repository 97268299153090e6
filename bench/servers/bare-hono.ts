import { createBareApp } from "../lib/bare-app.js";
import { serveChild } from "./serve-child.js";

serveChild(() => {
  const app = createBareApp();
  return Promise.resolve({ label: "bare Hono", fetch: app.fetch, webhookPath: "/webhooks/omnichat/bot_baseline/token" });
});
