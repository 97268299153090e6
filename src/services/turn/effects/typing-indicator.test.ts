import { describe, expect, it } from "vitest";
import type { InboxAction } from "../../../domain/decision.js";
import { withTypingOff } from "./typing-indicator.js";

const say = (content: string, isPrivate = false): InboxAction => ({ action: "message", message: { content, ...(isPrivate && { private: true }) } });
const kinds = (actions: InboxAction[]) => actions.map((a) => (a.action === "message" ? (a.message.private ? "note" : a.message.content) : a.action));

describe("typing off", () => {
  it("follows the turn's last public message (the widget keeps the indicator until told)", () => {
    expect(kinds(withTypingOff([say("a"), say("b")]))).toEqual(["a", "b", "typing"]);
    const handover: InboxAction[] = [say("tunggu"), { action: "assign_team", teamId: 3 }, say("note", true), { action: "toggle_status", status: "open" }];
    expect(kinds(withTypingOff(handover))).toEqual(["tunggu", "typing", "assign_team", "note", "toggle_status"]);
  });

  it("comes first when the turn says nothing to the customer", () => {
    expect(kinds(withTypingOff([]))).toEqual(["typing"]);
    expect(kinds(withTypingOff([{ action: "assign_team", teamId: 3 }, say("note", true)]))).toEqual(["typing", "assign_team", "note"]);
  });
});
