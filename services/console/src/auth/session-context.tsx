import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { can, type Action, type Resource, type Scoped } from './can';
import { clearSession, loadSession, saveSession, type Session } from './session';

interface SessionState {
  session: Session | undefined;
  signIn(session: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children, initial = loadSession() }: { children: ReactNode; initial?: Session }) {
  const [session, setSession] = useState<Session | undefined>(initial);
  const signIn = useCallback((next: Session) => {
    saveSession(next);
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    clearSession();
    setSession(undefined);
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** `can` for the signed-in user: what components call to decide what to show. */
export function useCan(): (action: Action, resource: Resource, record?: Scoped) => boolean {
  const { session } = useSession();
  return useCallback((action, resource, record) => can(session, action, resource, record), [session]);
}
