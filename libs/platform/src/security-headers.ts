import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every response. It fits the two pages a browser loads from Crosswalk: the
 * Swagger UI at /docs (same-origin scripts and stylesheets, inline <style> blocks, data: images, fetches of
 * /docs/json and the API) and a future console served as a static single-page app from the same origin.
 * Nothing may frame a page (clickjacking), and no plugin, foreign script or foreign form target is allowed.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // Swagger UI's page carries inline <style> blocks and sets style attributes from script.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/** One year, sub-domains included; sent only on requests that arrived over TLS (see below). */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Security headers on every answer of a service or the gateway, by helmet: nosniff, `X-Frame-Options: DENY`
 * and `frame-ancestors 'none'`, the CSP above, no referrer across origins, and no `X-Powered-By`. HSTS only
 * when the request came over TLS (`req.secure`: a TLS socket, or X-Forwarded-Proto when Express trusts a
 * proxy): sent over plain HTTP on a developer's machine it would be ignored at best and confusing at worst.
 */
export function applySecurityHeaders(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as { disable(setting: string): void };
  express.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      frameguard: { action: 'deny' },
      strictTransportSecurity: false,
      // Swagger UI and a console load only same-origin resources; these cross-origin isolation headers
      // would add nothing but the risk of breaking a download link.
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(hstsOverTls());
}

/** Strict-Transport-Security on answers to requests that came over TLS, nothing otherwise. */
export function hstsOverTls(): (request: Request, response: Response, next: NextFunction) => void {
  const hsts = helmet.strictTransportSecurity({ maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true });
  return (request, response, next) => (request.secure ? hsts(request, response, next) : next());
}
