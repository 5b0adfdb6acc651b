// Offer links: what an accept or decline link in an offer email carries, and when one is honoured. The link's
// token is `<payload>.<signature>` (base64url): the payload names the registration, the action and the offer's
// deadline; the signature is an HMAC-SHA256 of it under the service's secret, with a purpose label so that a
// token signed for anything else never verifies as an offer link. Plain functions, no Nest, no TypeORM.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RegistrationStatus } from '@crosswalk/contracts';

export const OFFER_ACTIONS = ['accept', 'decline'] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];

/** What a valid link allows: one action on one registration's offer, until the offer's deadline. */
export interface OfferLinkClaim {
  registrationId: string;
  action: OfferAction;
  /** The offer's deadline; the link ends with it. */
  expiresAt: Date;
}

/** Why a link is not honoured: not one this service signed (or for the other action), or past its deadline. */
export type OfferLinkRefusal = 'invalid' | 'expired';

export type OfferLinkReading = { ok: true; claim: OfferLinkClaim } | { ok: false; refusal: OfferLinkRefusal };

const PURPOSE = 'crosswalk.events.offer-link.v1';
// A registration id is 36 characters; anything far longer is not a token of ours and is not worth hashing.
const MAX_TOKEN_LENGTH = 512;

interface Payload {
  r: string;
  a: string;
  e: number;
}

function signature(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSE}:${payload}`).digest();
}

export function signOfferLink(claim: OfferLinkClaim, secret: string): string {
  const payload: Payload = { r: claim.registrationId, a: claim.action, e: claim.expiresAt.getTime() };
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encoded}.${signature(encoded, secret).toString('base64url')}`;
}

function decode(encoded: string): Payload | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { r, a, e } = value as Record<string, unknown>;
    if (typeof r !== 'string' || !r || typeof a !== 'string' || typeof e !== 'number' || !Number.isSafeInteger(e)) return null;
    return { r, a, e };
  } catch {
    return null;
  }
}

/**
 * Reads a token presented for `action` at `now`. A token for the other action is `invalid` (a decline link
 * never accepts), as is one whose signature does not match; a valid one at or after its deadline is `expired`.
 */
export function readOfferLink(token: string, action: OfferAction, secret: string, now: Date): OfferLinkReading {
  const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  if (parts.length !== 2) return { ok: false, refusal: 'invalid' };
  const [encoded, presented] = parts;
  const expected = signature(encoded, secret);
  const given = Buffer.from(presented, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, refusal: 'invalid' };
  const payload = decode(encoded);
  if (!payload || payload.a !== action) return { ok: false, refusal: 'invalid' };
  const expiresAt = new Date(payload.e);
  // The offer is good strictly before its deadline (as `acceptRefusal` rules), and so is its link.
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, refusal: 'expired' };
  return { ok: true, claim: { registrationId: payload.r, action, expiresAt } };
}

/**
 * Whether the registration already shows this answer to its offer (a link followed twice): the second visit is
 * told so instead of being refused.
 */
export function alreadyAnswered(action: OfferAction, status: RegistrationStatus): boolean {
  if (action === 'accept') return status === 'registered' || status === 'attended' || status === 'no_show';
  return status === 'declined';
}
