import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

export const PEER_HEADER: "x-dashboard-peer";
export function stampPeer(req: IncomingMessage): void;

export interface FastAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array | null;
}
export type FastHook = (
  method: string | undefined,
  url: string | undefined,
  headers: IncomingHttpHeaders,
) => Promise<FastAnswer | null>;

export function createTurnGate(perTurn: number): (run: () => void) => void;

export function createRequestListener(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
  fastHook: () => FastHook | undefined,
  admit?: (run: () => void) => void,
): (req: IncomingMessage, res: ServerResponse) => void;
