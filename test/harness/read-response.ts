/** An answer read whole: its status, headers, text, and JSON body when it has one. */
export type TestResponse = { status: number; headers: Headers; body: unknown; text: string };

/** Reads a fetch answer (a test app's, a real server's or the emulator's) into a TestResponse. */
export async function readResponse(res: Response): Promise<TestResponse> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}
