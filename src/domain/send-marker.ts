/**
 * The key under which every message we send carries its marker in `content_attributes`: Chatwoot
 * keeps unknown keys there and echoes them, so an echo (or the inbox's message list) tells for
 * certain whether a send whose answer was lost went through (docs/architecture.md, step 12).
 */
export const sendMarkerKey = "switchboard_send";

/** One marker per outbound job and action: a retry of the same send carries the same marker. */
export const sendMarker = (jobId: number, step: number) => `${String(jobId)}.${String(step)}`;
