/**
 * Frame codec: the size is checked before anything is parsed (bcoin's parser checks MAX_MESSAGE
 * first), then JSON, then the schema. Every failure is a ProtocolError naming what was wrong.
 */
import { type Message, MessageSchema } from './messages.js';

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: 'FRAME_TOO_LARGE' | 'BAD_JSON' | 'BAD_MESSAGE' | 'BINARY_FRAME',
    message: string,
  ) {
    super(message);
  }
}

export function encodeMessage(message: Message): string {
  return JSON.stringify(message);
}

export function decodeMessage(frame: string, maxBytes: number): Message {
  if (frame.length > maxBytes) {
    throw new ProtocolError('FRAME_TOO_LARGE', `frame of ${frame.length} bytes exceeds ${maxBytes}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch (e) {
    throw new ProtocolError('BAD_JSON', `frame is not JSON: ${(e as Error).message}`);
  }
  const r = MessageSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const type =
      typeof (json as { type?: unknown })?.type === 'string' ? (json as { type: string }).type : '?';
    throw new ProtocolError(
      'BAD_MESSAGE',
      `message ${type}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return r.data;
}
