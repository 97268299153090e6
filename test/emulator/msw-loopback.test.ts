import { afterAll, beforeAll, expect, it } from "vitest";
import { useMswServer } from "../msw/server.js";
import { api, emulatorWithSink } from "./webhook-sink.js";

// With msw listening (as in the LLM tests), the emulator's API and its deliveries are real loopback HTTP.
useMswServer();
let t: Awaited<ReturnType<typeof emulatorWithSink>>;
beforeAll(async () => {
  t = await emulatorWithSink();
});
afterAll(async () => {
  await t.close();
});

it("passes loopback calls and deliveries through msw, and still fails any other unhandled request", async () => {
  t.emulator.customerSays("halo");
  await t.emulator.idle();
  expect(t.sink.events()).toEqual(["message_created"]);
  expect((await api(t.emulator.baseUrl, "GET", "/agents", t.emulator.adminToken)).status).toBe(200);
  await expect(fetch("https://llm-vendor.invalid/v1/chat/completions")).rejects.toThrow();
});
