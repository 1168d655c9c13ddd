/** What every field of the open document needs: the session, the roots, who is editing, where. */
import { createContext, useContext } from 'react';
import type { Role } from '../../shared/api/index.ts';
import { roots } from '../../shared/schema/index.ts';
import type { Session } from './session.ts';

export interface PresenceUser {
  name: string;
  color: string;
  role: Role;
}

export interface DocContextValue {
  session: Session;
  roots: ReturnType<typeof roots>;
  role: Role;
  /** The whole document is read-only (viewer role, or published). */
  readOnly: boolean;
  user: PresenceUser;
  /** The viewer's IANA time zone; times are entered and shown in it. */
  zone: string;
  /** The link's token, for the HTTP calls that stay outside the document (notes, triage). */
  token: string;
}

const DocContext = createContext<DocContextValue | null>(null);

export const DocProvider = DocContext.Provider;

/** The open document; only valid under <DocProvider>. */
export function useDoc(): DocContextValue {
  const value = useContext(DocContext);
  if (!value) throw new Error('useDoc() outside <DocProvider>');
  return value;
}

/** Whether fields below may be edited: false when read-only or the section is locked. */
export const EditableContext = createContext(false);

/** True when the field being rendered may be edited. */
export function useEditable(): boolean {
  return useContext(EditableContext);
}
