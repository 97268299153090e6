import { describe, expect, it } from "vitest";
import { compareReports } from "../../src/services/evals/engine/compare.js";
import { contrast, heatColour } from "./html-heatmap.js";
import { meta, outcome, tenOutcomes } from "../../src/services/evals/engine/outcome-fixtures.test-helpers.js";
import { renderHtml } from "./render-html.js";
import { scoreOutcomes } from "../../src/services/evals/engine/score.js";

const hostile = `<script>alert("x")</script> & 'quoted' <img src=x onerror=alert(1)>`;

function hostileReport() {
  const outcomes = tenOutcomes();
  outcomes[2] = outcome("c03<b>", "bot", "cards", { text: hostile, confidence: 0.9 });
  return scoreOutcomes(outcomes, { ...meta, promptVersion: `"><script>` });
}

describe("renderHtml", () => {
  const report = scoreOutcomes(tenOutcomes(), meta);
  const html = renderHtml(report);

  it("is one self-contained page: inline CSS, no scripts, no external resources", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<script|<link|\b(src|href)=|https?:\/\//i);
  });

  it("shows the headline metrics and the per-label table", () => {
    expect(html).toContain("60.0%"); // accuracy
    expect(html).toContain("83.3%"); // handover precision 5/6
    expect(html).toContain("500 ms / 1,000 ms");
    expect(html).toMatch(/<td>complaints<\/td><td class="num">1\.000<\/td><td class="num">0\.500<\/td>/);
  });

  it("draws a heatmap cell per count with row/column headers, green diagonal and red mistakes", () => {
    const cells = html.match(/<td class="cell (diag|off)"[^>]*>\d+<\/td>/g) ?? [];
    // four expected rows (the all-zero clarify row is left out) × five columns
    expect(cells).toHaveLength(20);
    expect(html).toContain(`<th scope="col" class="col-label">clarify</th>`);
    expect(html).toContain(`<th scope="row">fraud</th>`);
    expect(html).not.toContain(`<th scope="row">clarify</th>`);
    // bot row: 2 of 3 right on the diagonal, 1 of 3 sent to cards
    expect(html).toContain(`<td class="cell diag" style="background:${heatColour(2 / 3, true).background};`);
    const offBot = heatColour(1 / 3, false);
    expect(html).toContain(
      `<td class="cell off" style="background:${offBot.background};color:${offBot.text}" title="expected bot, predicted cards: 1 of 3 (33.3%)">1</td>`,
    );
  });

  it("draws the reliability diagram: a bar of accuracy per confidence bin under the diagonal of perfect calibration", () => {
    expect(html).toContain("Expected calibration error 0.412 over 8 judged decisions");
    expect(html.match(/<rect [^>]*fill="#60a5fa"><title>/g)).toHaveLength(3);
    expect(html).toContain("<title>0.8–0.9: 5 decisions, confidence 0.800, accuracy 1.000</title>");
    expect(html).toContain('stroke-dasharray="4 3"');
  });

  it("lists the misrouted cases", () => {
    expect(html).toContain("Misrouted cases (4, most confident first)");
    expect(html).toContain("<code>c09</code>");
  });

  it("escapes customer text, ids and run facts", () => {
    const page = renderHtml(hostileReport());
    expect(page).not.toContain("<script>");
    expect(page).not.toContain("<img");
    expect(page).not.toContain("c03<b>");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &lt;img src=x onerror=alert(1)&gt;");
    expect(page).toContain("&quot;&gt;&lt;script&gt;");
  });

  it("adds the comparison section with deltas and changed cases when given one", () => {
    const draft = scoreOutcomes(
      tenOutcomes().map((o) => (o.id === "c03" ? outcome("c03", "bot", "bot") : o)),
      meta,
    );
    const page = renderHtml(draft, compareReports(draft, report));
    expect(page).toContain("Compared with the baseline");
    expect(page).toContain(`<td class="num better">+10.0 pp</td>`); // accuracy 60% → 70%
    expect(page).toMatch(/Changed decisions: 1 \(1 fixed, 0 broken, 0 still wrong\)/);
    expect(html).not.toContain("Compared with the baseline");
  });
});

describe("heatColour", () => {
  const rgb = (c: string) => c.slice(4, -1).split(" ").map(Number) as [number, number, number];
  const shares = [0.01, 0.1, 0.25, 0.5, 0.6, 0.75, 0.9, 1];

  it("is neutral for empty cells, green on the diagonal and red off it", () => {
    expect(heatColour(0, true).background).toBe(heatColour(0, false).background);
    const [r1, g1] = rgb(heatColour(0.5, true).background);
    const [r2, g2] = rgb(heatColour(0.5, false).background);
    expect(g1).toBeGreaterThan(r1);
    expect(r2).toBeGreaterThan(g2);
  });

  it("gets deeper as the row share grows", () => {
    for (const diagonal of [true, false]) {
      const sums = shares.map((s) => rgb(heatColour(s, diagonal).background).reduce((a, b) => a + b, 0));
      for (let i = 1; i < sums.length; i++) expect(sums[i]).toBeLessThan(sums[i - 1]!);
    }
  });

  it("keeps the count readable: text contrast at least 4:1 on every shade", () => {
    for (const diagonal of [true, false]) {
      for (const s of shares) {
        const { background, text } = heatColour(s, diagonal);
        expect(contrast(rgb(background), rgb(text))).toBeGreaterThanOrEqual(4);
      }
    }
  });
});
