export { startPaperExchange } from './server';
export type {
	PaperExchangeServer,
	PaperExchangeServerOptions,
	PaperKeyOption,
	PaperUwsControl,
} from './server';
export { PaperExchange, PaperApiError } from './exchange';
export type { Params, Payload } from './exchange';
export { PaperFaults } from './faults';
export type { RestFailureKind, RestFaultScope, RestFailureScope, UwsFaultScope } from './faults';
export { RequestLog } from './http/request-log';
export type { LoggedRequest } from './http/request-log';
export type { PaperKeyPair } from './http/keyring';
export type { SystemStatus } from './uws/methods';
export type { PaperConnectionInfo } from './connection-info';
export { connectionInfo } from './connection-info';
