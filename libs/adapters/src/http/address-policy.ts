import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { buildConnector } from 'undici';

/** Decides whether the fetcher may open a connection to an IP address. */
export type AddressPolicy = (address: string) => boolean;

/**
 * True only for globally routable unicast addresses. Loopback, private, carrier-grade NAT,
 * link-local, unspecified, multicast, documentation and reserved ranges are refused, and so are
 * IPv6 forms that embed an IPv4 address we cannot vouch for (6to4, NAT64, Teredo).
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast';
}

/** Raised inside the connector; the fetcher maps it to `address_not_allowed`. */
export class AddressNotAllowedError extends Error {
  override readonly name = 'AddressNotAllowedError';

  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, which is not a public address`);
  }
}

/**
 * An undici connector that checks the address it actually connects to: IP literals directly,
 * host names through a DNS lookup whose answers are all checked before the socket opens.
 * Because the check runs for every new connection (every redirect hop included), a host name
 * that first resolves to a public address and later to a private one cannot slip through.
 */
export function guardedConnector(isAllowed: AddressPolicy, timeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: timeoutMs, lookup: guardedLookup(isAllowed) });
  return (options, callback) => {
    const host = options.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) !== 0 && !isAllowed(host)) {
      callback(new AddressNotAllowedError(host, host), null);
      return;
    }
    connect(options, callback);
  };
}

function guardedLookup(isAllowed: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '');
      const refused = addresses.find((entry) => !isAllowed(entry.address));
      if (refused) return callback(new AddressNotAllowedError(hostname, refused.address), '');
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
}
