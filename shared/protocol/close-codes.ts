/**
 * WebSocket close codes of the collaboration socket. The server closes with these and the app
 * explains them to the person; CONTRACT.md documents them.
 */
export const CloseCode = {
  /** The server is shutting down or restarting; the client reconnects. */
  goingAway: 1001,
  /** A frame larger than the server's limit (ws closes with this itself). */
  messageTooBig: 1009,
  /** A message that cannot be decoded: bad envelope, unknown type or a malformed Yjs update. */
  malformedMessage: 4400,
  /** No token or a token that opens no role on this postmortem. */
  badToken: 4401,
  /** The role may not make this change (a viewer's write, another client's awareness). */
  writeRefused: 4403,
  /** No postmortem with this id. */
  unknownDocument: 4404,
  /** Too many connections or failed attempts. */
  rateLimited: 4429,
  /** The server could not load or store the document; retry later. */
  unavailable: 4503,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

/** Close codes after which reconnecting with the same token cannot help. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.badToken, CloseCode.unknownDocument]);

/** Words for the person, by close code. */
export function closeReason(code: number): string {
  switch (code) {
    case CloseCode.malformedMessage:
      return 'The server could not read a message from this browser.';
    case CloseCode.badToken:
      return 'This link is not valid for this postmortem.';
    case CloseCode.writeRefused:
      return 'The server refused a change: your role may not edit this.';
    case CloseCode.unknownDocument:
      return 'No postmortem exists at this address.';
    case CloseCode.messageTooBig:
      return 'A change was too large for the server to accept.';
    case CloseCode.rateLimited:
      return 'Too many attempts; waiting before reconnecting.';
    case CloseCode.unavailable:
      return 'The server could not open this postmortem right now.';
    default:
      return '';
  }
}
