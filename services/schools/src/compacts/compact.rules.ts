// Which role a compact signature speaks for. Plain TypeScript, no framework.

/**
 * Among the roles a signer held at an organization on the signing day, the one the signature is recorded
 * with: the organization's chief role when they held it, otherwise another role there (alphabetically first,
 * so the choice is stable), otherwise none.
 */
export function signingRole(rolesHeld: readonly string[], preferred: string): string | null {
  if (rolesHeld.includes(preferred)) return preferred;
  return [...rolesHeld].sort()[0] ?? null;
}
