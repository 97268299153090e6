import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { bodyLimit } from "./body-limit.js";

/** A request that records whether anything asked for its body stream. */
function probed(init: { body: string; headers: Record<string, string> }) {
  const touched: string[] = [];
  const real = new Request("http://switchboard.test/in", { method: "POST", body: init.body, headers: init.headers, duplex: "half" });
  const request = new Proxy(real, {
    get(target, key) {
      if (key === "body") touched.push("body");
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { request, touched };
}

function app(maxSize: number) {
  return new Hono()
    .use(bodyLimit({ maxSize, onError: (c) => c.text("too large", 413) }))
    .post("/in", async (c) => c.text(String((await c.req.arrayBuffer()).byteLength)));
}

describe("bodyLimit", () => {
  // On @hono/node-server, asking for the body stream builds a whole web Request per webhook.
  it("judges a body with a content-length by the header alone, without touching its stream", async () => {
    const small = probed({ body: "{}", headers: { "content-length": "2" } });
    const ok = await app(10).fetch(small.request);
    expect({ status: ok.status, text: await ok.text(), touched: small.touched }).toEqual({ status: 200, text: "2", touched: [] });

    const big = probed({ body: "x".repeat(11), headers: { "content-length": "11" } });
    const refused = await app(10).fetch(big.request);
    expect({ status: refused.status, touched: big.touched }).toEqual({ status: 413, touched: [] });
  });

  it("counts a body without a content-length as it streams", async () => {
    const big = probed({ body: "x".repeat(11), headers: {} });
    const refused = await app(10).fetch(big.request);
    expect({ status: refused.status, touched: big.touched.length > 0 }).toEqual({ status: 413, touched: true });

    const small = probed({ body: "x".repeat(10), headers: { "transfer-encoding": "chunked" } });
    const ok = await app(10).fetch(small.request);
    expect({ status: ok.status, text: await ok.text() }).toEqual({ status: 200, text: "10" });
  });
});
