/** Who is here: the awareness states that carry a valid `user`, this person first. */
import { useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { ROLES, type Role } from '../../shared/api/index.ts';

export interface Present {
  clientId: number;
  name: string;
  color: string;
  role: Role;
  self: boolean;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

function readUser(state: unknown): Omit<Present, 'clientId' | 'self'> | null {
  if (typeof state !== 'object' || state === null || !('user' in state)) return null;
  const user: unknown = state.user;
  if (typeof user !== 'object' || user === null) return null;
  const name = 'name' in user && typeof user.name === 'string' ? user.name.trim().slice(0, 60) : '';
  if (!name) return null;
  const color = 'color' in user && typeof user.color === 'string' && COLOR.test(user.color) ? user.color : '#475569';
  const role = ROLES.find((r) => 'role' in user && r === user.role) ?? 'participant';
  return { name, color, role };
}

function readPeople(awareness: Awareness): Present[] {
  const people: Present[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = readUser(state);
    if (user) people.push({ ...user, clientId, self: clientId === awareness.clientID });
  });
  return people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

function presenceSource(awareness: Awareness) {
  let people = readPeople(awareness);
  return {
    subscribe(listener: () => void) {
      const onChange = () => {
        people = readPeople(awareness);
        listener();
      };
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
    getSnapshot: () => people,
  };
}

/** The people connected to this document, kept current. */
export function usePresence(awareness: Awareness): Present[] {
  const source = useMemo(() => presenceSource(awareness), [awareness]);
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}
