import { reactive } from 'vue';
import { z } from 'zod';
import { sessionView, type OperatorView } from '../../shared/api';
import { can, type Permission } from '../../shared/roles';
import { api, ApiError, setCsrfToken } from './api';

/** Who is signed in (the server keeps the session; this is what the screens show and hide by). */
export const session = reactive<{ operator: OperatorView | null; loaded: boolean }>({ operator: null, loaded: false });

export const allowed = (p: Permission): boolean => session.operator !== null && can(session.operator.role, p);

export async function loadSession(): Promise<void> {
  try {
    const s = await api('GET', '/api/session', sessionView);
    session.operator = s.operator;
    setCsrfToken(s.csrfToken);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) throw err;
    session.operator = null;
  }
  session.loaded = true;
}

export async function signIn(username: string, password: string): Promise<void> {
  const s = await api('POST', '/api/session', sessionView, { body: { username, password } });
  session.operator = s.operator;
  setCsrfToken(s.csrfToken);
}

export async function signOut(): Promise<void> {
  await api('DELETE', '/api/session', z.object({ signedOut: z.boolean() })).catch(() => undefined);
  session.operator = null;
  setCsrfToken('');
}
