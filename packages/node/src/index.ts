/** The node's public surface, name by name: start a node, talk to one over RPC, its wire limits. */
export {
  type NodeConfig,
  NodeConfigError,
  type NodeConfigIssue,
  NodeEnvSchema,
  parseNodeConfig,
} from './config.js';
export { isLoopback, type MetricsCaller, metricsAllowed } from './http/metrics-access.js';
export { createLogger, type LogLevel } from './log.js';
export type { SubmitResult } from './mempool/submit.js';
export { AGENT, ChartNode, startNode } from './node.js';
export { defaultNodeOptions, type NodeOptions, type NodeOptionsInput } from './options.js';
export { BAN_THRESHOLD, Penalty } from './p2p/ban-score.js';
export { Limits, type Message, MessageSchema, PROTOCOL_VERSION } from './p2p/messages.js';
export {
  type CheckpointInfo,
  type GrantInfo,
  type NodeQueries,
  type NodeStatus,
  QueryError,
  QueryErrorCode,
  type ReceiptQuery,
  type RecordInfo,
  type TxInfo,
} from './queries/node-queries.js';
export { RpcErrorCode } from './rpc/methods.js';
export {
  NodeRpcClient,
  type RpcClientAuth,
  RpcClientError,
  type RpcClientOptions,
} from './rpc/rpc-client.js';
