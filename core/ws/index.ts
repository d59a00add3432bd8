export { KrakenFuturesWsClient } from './client';
export { PUBLIC_FEEDS, PRIVATE_FEEDS, isPrivateFeed, subscribedFeedOf } from './feeds';
export { normalizeRestFill, normalizeWsFill } from './fill-normalize';
export { reconnectDelay } from './backoff';
export { PRIVATE_FEED_AUTH_MESSAGE } from './server-events';
export type {
	FetchFills,
	FillListener,
	FillSource,
	FillsQuery,
	FillsSource,
	KrakenFill,
	PrivateFeed,
	PublicFeed,
	ReconnectDelayOptions,
	ReconnectingEvent,
	WsClientOptions,
	WsClientState,
	WsFeed,
	WsFeedMessage,
	WsMessageListener,
	WsSubscription,
} from './types';
