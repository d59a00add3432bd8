export { startPaperExchange } from './server';
export type { PaperExchangeServer, PaperExchangeServerOptions, PaperKeyOption } from './server';
export { PaperExchange, PaperApiError } from './exchange';
export type { Params, Payload } from './exchange';
export { PaperFaults } from './faults';
export type { RestFailureKind, RestFaultScope, RestFailureScope } from './faults';
export { RequestLog } from './http/request-log';
export type { LoggedRequest } from './http/request-log';
export type { PaperKeyPair } from './http/keyring';
