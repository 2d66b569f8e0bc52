import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from './api.ts';

export type Role = 'participant' | 'employer_admin' | 'agent' | 'donor' | 'officer' | 'supervisor' | 'case_manager' | 'auditor' | 'admin';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  branchId: number | null;
  branchName: string | null;
  scope: { national: boolean; regionPrefixes?: string[] };
}

interface Auth {
  me: Me | null;
  loading: boolean;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      setMe((await api<{ user: Me }>('/api/v1/auth/me')).user);
    } catch {
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);
  const signOut = useCallback(async () => {
    await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => {});
    setMe(null);
  }, []);
  useEffect(() => { void refresh(); }, [refresh]);
  return <AuthContext.Provider value={{ me, loading, refresh, signOut }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
