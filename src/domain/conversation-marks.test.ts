import { describe, expect, it } from "vitest";
import { conversationLabelSchema, divisionLabelsSchema, handoverAttributes } from "./conversation-marks.js";

describe("labels", () => {
  it("are Chatwoot label titles: lowercased, letters, digits, _ and -, at least two characters", () => {
    expect(conversationLabelSchema.parse(" Fraud-Alert_2 ")).toBe("fraud-alert_2");
    expect(conversationLabelSchema.parse("penipuan")).toBe("penipuan");
    for (const bad of ["fraud alert", "x", "-fraud", "vip!", ""]) expect(conversationLabelSchema.safeParse(bad).success).toBe(false);
  });

  it("are kept once per division", () => {
    expect(divisionLabelsSchema.parse(["fraud", "Fraud", "urgent"])).toEqual(["fraud", "urgent"]);
  });
});

describe("handover attributes", () => {
  it("name the division, the confidence to two decimals and the reason, cut to 500 characters", () => {
    expect(handoverAttributes("Fraud", 0.8765, "kartu dipakai orang lain")).toEqual({
      switchboard_division: "Fraud",
      switchboard_confidence: 0.88,
      switchboard_reason: "kartu dipakai orang lain",
    });
    const long = handoverAttributes("Fraud", 1, "a".repeat(600)).switchboard_reason;
    expect(String(long)).toHaveLength(500);
    expect(String(long).endsWith("…")).toBe(true);
  });
});
