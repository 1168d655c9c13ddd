/** Message types of the y-websocket protocol (first varuint of every frame). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;
export type MessageTypeValue = (typeof MessageType)[keyof typeof MessageType];

/** Sync sub-messages of y-protocols/sync. */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/** Path prefix of the collaboration socket: ws://host/collab/<id>?token=... */
export const COLLAB_PATH = '/collab';
