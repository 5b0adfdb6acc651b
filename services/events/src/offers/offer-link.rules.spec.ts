import { alreadyAnswered, readOfferLink, signOfferLink } from './offer-link.rules';
import { escapeHtml, offerPage } from './offer-page';

const SECRET = 'offer-link-secret-for-unit-tests-0123456789';
const registrationId = '01935a7e-0000-7000-8000-0000000000b1';
const expiresAt = new Date('2026-09-03T12:00:00.000Z');
const before = new Date('2026-09-03T11:59:59.999Z');
const accept = signOfferLink({ registrationId, action: 'accept', expiresAt }, SECRET);
const decline = signOfferLink({ registrationId, action: 'decline', expiresAt }, SECRET);

/** The token with one character of its signature (or payload) changed. */
function tampered(token: string, at: number): string {
  const flip = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${flip}${token.slice(at + 1)}`;
}

describe('offer links', () => {
  it('are honoured for their action until just before the offer deadline', () => {
    expect(readOfferLink(accept, 'accept', SECRET, before)).toEqual({ ok: true, claim: { registrationId, action: 'accept', expiresAt } });
    expect(readOfferLink(decline, 'decline', SECRET, before)).toEqual({ ok: true, claim: { registrationId, action: 'decline', expiresAt } });
  });

  it('end at the deadline, as the offer does', () => {
    expect(readOfferLink(accept, 'accept', SECRET, expiresAt)).toEqual({ ok: false, refusal: 'expired' });
    expect(readOfferLink(decline, 'decline', SECRET, new Date('2026-09-10T00:00:00.000Z'))).toEqual({ ok: false, refusal: 'expired' });
  });

  it('never serve the other action: a decline link does not accept, nor an accept link decline', () => {
    expect(readOfferLink(decline, 'accept', SECRET, before)).toEqual({ ok: false, refusal: 'invalid' });
    expect(readOfferLink(accept, 'decline', SECRET, before)).toEqual({ ok: false, refusal: 'invalid' });
  });

  it('are refused when signed with another secret, tampered with or malformed', () => {
    expect(readOfferLink(accept, 'accept', `${SECRET}-other`, before)).toEqual({ ok: false, refusal: 'invalid' });
    expect(readOfferLink(tampered(accept, accept.length - 3), 'accept', SECRET, before)).toEqual({ ok: false, refusal: 'invalid' });
    expect(readOfferLink(tampered(accept, 5), 'accept', SECRET, before)).toEqual({ ok: false, refusal: 'invalid' });
    for (const token of ['', 'abc', accept.split('.')[0], `${accept}.x`, 'x'.repeat(2000)]) {
      expect(readOfferLink(token, 'accept', SECRET, before)).toEqual({ ok: false, refusal: 'invalid' });
    }
  });

  it('cannot be extended: a payload with a later deadline does not carry the original signature', () => {
    const [, signature] = accept.split('.');
    const later = Buffer.from(JSON.stringify({ r: registrationId, a: 'accept', e: expiresAt.getTime() + 86_400_000 })).toString('base64url');
    expect(readOfferLink(`${later}.${signature}`, 'accept', SECRET, before)).toEqual({ ok: false, refusal: 'invalid' });
  });

  it('differ per registration, action and deadline, and are URL-safe', () => {
    const other = signOfferLink({ registrationId: '01935a7e-0000-7000-8000-0000000000b2', action: 'accept', expiresAt }, SECRET);
    const extended = signOfferLink({ registrationId, action: 'accept', expiresAt: new Date(expiresAt.getTime() + 1) }, SECRET);
    expect(new Set([accept, decline, other, extended]).size).toBe(4);
    for (const token of [accept, decline, other, extended]) expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('tell a repeated answer from a refused one', () => {
    expect(alreadyAnswered('accept', 'registered')).toBe(true);
    expect(alreadyAnswered('accept', 'attended')).toBe(true);
    expect(alreadyAnswered('accept', 'declined')).toBe(false);
    expect(alreadyAnswered('accept', 'offered')).toBe(false);
    expect(alreadyAnswered('decline', 'declined')).toBe(true);
    expect(alreadyAnswered('decline', 'registered')).toBe(false);
    expect(alreadyAnswered('decline', 'expired')).toBe(false);
  });
});

describe('the offer page', () => {
  it('escapes what it shows', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    const page = offerPage('Seat accepted', 'Your seat at <b>Math & Me</b> is confirmed.');
    expect(page).toContain('<h1>Seat accepted</h1>');
    expect(page).toContain('<p>Your seat at &lt;b&gt;Math &amp; Me&lt;/b&gt; is confirmed.</p>');
    expect(page).not.toContain('<b>');
  });
});
