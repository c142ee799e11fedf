// Which address a request comes from, for the sign-in limits and the audit log. scripts/start.mjs calls
// applyClientAddress on every request; the app reads only the x-console-peer header it sets (lib/auth/request.ts).
import proxyaddr from "proxy-addr";

export class TrustProxyError extends Error {
  constructor(message) {
    super(message);
    this.name = "TrustProxyError";
  }
}

const EXPECTED =
  "expected a number of proxy hops (1 = the one proxy in front of the console), or a comma-separated list of " +
  "addresses, CIDR ranges and the names loopback, linklocal, uniquelocal";

/**
 * Parses CONSOLE_TRUST_PROXY into a proxy-addr trust function `(address, hop) => boolean`, or null when no proxy
 * is trusted (unset, empty or 0). A number N trusts the N nearest hops; anything else goes to proxy-addr's
 * compile. Throws TrustProxyError with a message for the admin when the value is not acceptable.
 */
export function parseTrustProxy(value) {
  const text = (value ?? "").trim();
  if (text === "" || /^0+$/.test(text)) return null;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (!Number.isSafeInteger(hops)) throw new TrustProxyError(`CONSOLE_TRUST_PROXY=${text} is not usable: ${EXPECTED}`);
    return (_address, hop) => hop < hops;
  }
  if (/^(true|yes|on|\*)$/i.test(text)) {
    throw new TrustProxyError(
      `CONSOLE_TRUST_PROXY=${text} would trust every X-Forwarded-For entry, including the ones the client writes; ${EXPECTED}`,
    );
  }
  const entries = text.split(",").map((entry) => entry.trim());
  if (entries.some((entry) => entry === "")) {
    throw new TrustProxyError(`CONSOLE_TRUST_PROXY=${text} has an empty entry: ${EXPECTED}`);
  }
  try {
    return proxyaddr.compile(entries);
  } catch (error) {
    throw new TrustProxyError(`CONSOLE_TRUST_PROXY=${text} is not usable (${error.message}): ${EXPECTED}`);
  }
}

/**
 * The client's address: the socket peer, or when the peer is a trusted proxy, the nearest address in
 * X-Forwarded-For (read from the right, where each proxy appends) that is not trusted. The leftmost entries are
 * written by the client and never choose the address unless every proxy after them is trusted.
 */
export function clientAddress(req, trust) {
  const peer = req.socket?.remoteAddress ?? "";
  if (!trust || !peer || !trust(peer, 0)) return peer;
  return proxyaddr(req, trust);
}

const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

/**
 * Sets x-console-peer to the client's address, overwriting whatever the client sent in it, and drops the
 * X-Forwarded-* headers unless the socket peer is a trusted proxy (they are the client's words otherwise).
 */
export function applyClientAddress(req, trust) {
  const peer = req.socket?.remoteAddress ?? "";
  const fromTrustedProxy = Boolean(trust && peer && trust(peer, 0));
  const address = clientAddress(req, trust);
  if (!fromTrustedProxy) for (const name of FORWARDED_HEADERS) delete req.headers[name];
  req.headers["x-console-peer"] = address;
  return address;
}
