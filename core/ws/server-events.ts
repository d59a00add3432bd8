import { KrakenWsError } from '../errors';

const BENIGN_ALERTS = [/already subscribed/i];

/** Kraken's answer to a wrong or foreign key, observed in practice instead of a documented error. */
const AUTH_ALERT = /authenticat/i;

export const PRIVATE_FEED_AUTH_MESSAGE =
	'Kraken refused the private feed subscription (authentication failed): check that the API key and secret are Kraken Futures keys, entered exactly (Kraken Spot keys do not work on Futures)';

/**
 * An `{"event":"alert"}` as an error, or undefined for benign ones ("Already subscribed to feed,
 * re-requesting"). Authentication failures carry `field: 'apiKey'` so callers can tell them apart.
 */
export function alertToError(message: string, feed?: string): KrakenWsError | undefined {
	if (BENIGN_ALERTS.some((pattern) => pattern.test(message))) return undefined;
	const options = feed === undefined ? {} : { feed };
	if (AUTH_ALERT.test(message)) {
		return new KrakenWsError(`${PRIVATE_FEED_AUTH_MESSAGE} (Kraken said: "${message}")`, {
			...options,
			field: 'apiKey',
		});
	}
	return new KrakenWsError(`Kraken WebSocket alert: ${message || 'no message'}`, options);
}

/** `{"event":"error"}`, `subscribed_failed`, `unsubscribed_failed` or an unknown event, as an error. */
export function serverErrorToError(event: string, message: string, feed?: string): KrakenWsError {
	const options = feed === undefined ? {} : { feed };
	const what = event === 'error' ? 'error' : event.replace(/_/g, ' ');
	const where = feed === undefined ? '' : ` (feed ${feed})`;
	return new KrakenWsError(`Kraken WebSocket ${what}${where}: ${message || 'no message'}`, options);
}
