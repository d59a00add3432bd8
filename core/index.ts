export * from './errors';
export * from './error-map';
export * from './sign';
export * from './nonce';
export * from './numbers';
export * from './describe-input';
export * from './environments';
export * from './guards';
export * from './ws';
export * from './logger';
export * from './legacy-cutoff';
export * from './api';
export * from './rest/client';
export * from './rest/transport';
export * from './rest/form';
export * from './rest/endpoints';
export * from './rest/types';
export * from './rest/time-pages';
export * from './rate-limit/registry';
export * from './rate-limit/budgets';
export * from './rate-limit/fifo-limiter';
export * from './instruments/cache';
export * from './instruments/grid';
export * from './instruments/validate-order';
export * from './uws/spot-sign';
export * from './uws/envelope';
export * from './uws/error-map';
export * from './uws/token';
export * from './uws/status';
export { isOrderMethod, orderActionOf } from './uws/order-methods';
export * from './uws/session';
export type { ChannelSpec, UwsPushListener } from './uws/subscriptions';
export * from './uws/unverified';
export * from './stream';
export * from './uws/stream-client';
export { UwsFillJournal } from './uws/fill-journal';
export { tickerMessage } from './uws/channels/ticker';
export { bookMessages } from './uws/channels/book';
export { tradeMessages } from './uws/channels/trade';
export { fillOfExecution, fillsOfExecutions } from './uws/channels/executions';
export { instrumentsOf, type UwsInstrument } from './uws/channels/instrument';
export * from './uws/unified-client';
export {
	isLegacyOnly,
	legacyOnlyNote,
	UWS_UNSUPPORTED,
	type UwsUnsupportedName,
} from './uws/methods/unsupported';
export * from './transport-factory';
export * from './transport';
