import type { IncomingMessage } from "node:http";

export type Trust = (address: string, hop: number) => boolean;

export class TrustProxyError extends Error {}

/** CONSOLE_TRUST_PROXY as a trust function, or null when no proxy is trusted; throws TrustProxyError. */
export function parseTrustProxy(value: string | undefined): Trust | null;

type RequestLike = Pick<IncomingMessage, "headers"> & { socket?: { remoteAddress?: string } };

export function clientAddress(req: RequestLike, trust: Trust | null): string;

export function applyClientAddress(req: RequestLike, trust: Trust | null): string;
