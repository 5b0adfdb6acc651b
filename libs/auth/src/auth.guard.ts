import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PUBLIC_ROUTE, currentContext } from '@crosswalk/observability';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { KeySetUnavailableError, NoCrosswalkRoleError } from './oidc';
import { InvalidTokenError, type Principal, type Role } from './principal';
import { TokenVerifier } from './token-verifier';

const ROLES_KEY = 'crosswalk:roles';

/** Restricts a route to these roles (network_admin is always allowed). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthenticatedRequest = Request & { principal?: Principal };

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Global guard: every route needs a valid token unless marked @Public(); analysts are read-only;
 * @Roles narrows further. City scope is checked per object by the use case (assertCityAccess).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly tokens: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new Problem(ProblemCode.Unauthorized, 'Missing bearer token');
    const principal = await this.principalFor(token);
    request.principal = principal;
    const ctx = currentContext();
    if (ctx) ctx.actor = { kind: principal.role === 'service' ? 'service' : 'user', id: principal.subject };

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (principal.role === 'network_admin') return true;
    if (allowed && !allowed.includes(principal.role)) {
      throw new Problem(ProblemCode.Forbidden, `Role ${principal.role} may not call this route`);
    }
    if (principal.role === 'analyst' && !READ_METHODS.has(request.method)) {
      throw new Problem(ProblemCode.Forbidden, 'Role analyst is read-only');
    }
    return true;
  }

  private async principalFor(token: string): Promise<Principal> {
    try {
      return await this.tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new Problem(ProblemCode.Unauthorized, error.message);
      // A valid token of someone the role mapping gives nothing: known caller, no permission.
      if (error instanceof NoCrosswalkRoleError) throw new Problem(ProblemCode.Forbidden, error.message);
      if (error instanceof KeySetUnavailableError) throw new Problem(ProblemCode.ServiceUnavailable, error.message);
      throw error;
    }
  }
}

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Problem(ProblemCode.Unauthorized, 'Route is not authenticated');
  return principal;
});
