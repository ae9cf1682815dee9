/** Messages between the Miner (parent) and its child process, over Node's IPC channel. */

export interface JobMessage {
  readonly type: 'job';
  readonly id: number;
  readonly header: Uint8Array;
  readonly target: Uint8Array;
  readonly start: number;
  readonly count: number;
}
export interface AbortMessage {
  readonly type: 'abort';
  readonly id: number;
}
export type ToChild = JobMessage | AbortMessage;

export interface ResultMessage {
  readonly type: 'result';
  readonly id: number;
  /** The nonce found, or -1 when the range ran out or the job was aborted. */
  readonly nonce: number;
  readonly hashes: number;
  readonly aborted: boolean;
}
export type FromChild = ResultMessage;
