import "server-only";

// Request bodies are read with a cap: a client may send any amount, and buffering it whole would let
// one request take the server's memory (a 50 MB POST doubled its RSS).

export type CappedBody = { ok: true; text: string } | { ok: false; tooLarge: true };

/** Reads the body as UTF-8 text, giving up (and cancelling the stream) past `maxBytes`. */
export async function readCappedText(request: Request, maxBytes: number): Promise<CappedBody> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, tooLarge: true };
  }
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}

export type CappedJson = { ok: true; value: unknown } | { ok: false; problem: "too_large" | "not_json" };

/** The body parsed as JSON, read with the cap: each route says in its own words what it expected. */
export async function readCappedJson(request: Request, maxBytes: number): Promise<CappedJson> {
  const body = await readCappedText(request, maxBytes);
  if (!body.ok) return { ok: false, problem: "too_large" };
  try {
    return { ok: true, value: JSON.parse(body.text) as unknown };
  } catch {
    return { ok: false, problem: "not_json" };
  }
}
