/** Fills {{division}} and {{nextOpening}}; settings validation already rejected any other name. */
export function renderTemplate(text: string, values: { division: string; nextOpening?: string }): string {
  return text
    .replace(/\{\{\s*division\s*\}\}/g, values.division)
    .replace(/\{\{\s*nextOpening\s*\}\}/g, values.nextOpening ?? "")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}
