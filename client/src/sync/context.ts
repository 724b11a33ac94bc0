import { createContext, useContext } from 'react';
import type { EventSession } from './session.ts';

export const SessionContext = createContext<EventSession | null>(null);

export function useSession(): EventSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside an event (no SessionContext)');
  return session;
}
