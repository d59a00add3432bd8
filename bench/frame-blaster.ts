/**
 * A worker-thread WebSocket v1 stand-in that answers subscriptions and then writes a burst of
 * pre-encoded `book` and `ticker` frames straight onto the socket. Producing the frames costs the
 * consumer's thread nothing, so an ingest benchmark measures only the consumer.
 */
import { createServer } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { WebSocketServer, type WebSocket } from 'ws';

export interface BlasterData {
	/** Frames per connection once every expected feed is subscribed. */
	frames: number;
	/** One ticker frame after this many book frames. */
	booksPerTicker: number;
	productId: string;
	/** The burst starts once every one of these feeds is subscribed. */
	feeds: string[];
}

/** Kraken's shapes (reference §2.4 and §2.6), numbered so a consumer can check order and count. */
function frameText(index: number, data: BlasterData): string {
	if ((index + 1) % (data.booksPerTicker + 1) === 0) {
		return JSON.stringify({
			time: 1676393235406 + index,
			product_id: data.productId,
			funding_rate: -6.2604214e-11,
			funding_rate_prediction: -3.65989977e-10,
			relative_funding_rate: -1.380384722222e-6,
			relative_funding_rate_prediction: -8.047629166667e-6,
			next_funding_rate_time: 1676394000000,
			feed: 'ticker',
			bid: 21978.5,
			ask: 21987.0,
			bid_size: 2536.0,
			ask_size: 13948.0,
			volume: 31403908.0,
			dtm: 0,
			leverage: '50x',
			index: 21984.54,
			premium: -0.0,
			last: 21983.5 + (index % 10),
			change: 1.9974017538161748,
			suspended: false,
			tag: 'perpetual',
			pair: 'XBT:USD',
			openInterest: 30072580.0,
			markPrice: 21979.68641534714,
			maturityTime: 0,
			post_only: false,
			volumeQuote: 31403908.0,
			open: 21968.5,
			high: 22123.0,
			low: 21456.0,
			seq: index,
		});
	}
	return JSON.stringify({
		feed: 'book',
		product_id: data.productId,
		side: index % 2 === 0 ? 'buy' : 'sell',
		seq: index,
		price: 34981 + (index % 50) * 0.5,
		qty: index % 7,
		timestamp: 1612269953629 + index,
	});
}

/** An unmasked server text frame (RFC 6455 §5.2). */
function encodeFrame(text: string): Buffer {
	const payload = Buffer.from(text, 'utf8');
	let header: Buffer;
	if (payload.length < 126) header = Buffer.from([0x81, payload.length]);
	else if (payload.length < 65536) {
		header = Buffer.alloc(4);
		header[0] = 0x81;
		header[1] = 126;
		header.writeUInt16BE(payload.length, 2);
	} else throw new Error('frame too large for the blaster');
	return Buffer.concat([header, payload]);
}

function snapshot(productId: string): string {
	return JSON.stringify({
		feed: 'book_snapshot',
		product_id: productId,
		timestamp: 1612269825817,
		seq: -1,
		tickSize: null,
		bids: [{ price: 34892.5, qty: 6385 }],
		asks: [{ price: 34911.5, qty: 20598 }],
	});
}

function start(data: BlasterData): void {
	const burst = Buffer.concat(Array.from({ length: data.frames }, (_, i) => encodeFrame(frameText(i, data))));
	const http = createServer((_req, res) => res.writeHead(404).end());
	const wss = new WebSocketServer({ server: http, path: '/ws/v1' });
	wss.on('connection', (socket: WebSocket) => {
		const subscribed = new Set<string>();
		socket.send(JSON.stringify({ event: 'info', version: 1 }));
		socket.on('message', (raw) => {
			const request = JSON.parse(String(raw)) as { event?: string; feed?: string; product_ids?: string[] };
			if (request.event !== 'subscribe' || request.feed === undefined) return;
			socket.send(
				JSON.stringify({ event: 'subscribed', feed: request.feed, product_ids: request.product_ids }),
			);
			if (request.feed === 'book') socket.send(snapshot(data.productId));
			subscribed.add(request.feed);
			if (data.feeds.every((feed) => subscribed.has(feed))) {
				// ws keeps its own send queue; once it has drained, raw writes cannot interleave with it.
				const raw = (socket as unknown as { _socket: import('node:net').Socket })._socket;
				setImmediate(() => raw.write(burst));
			}
		});
	});
	http.listen(0, '127.0.0.1', () => {
		const address = http.address();
		parentPort?.postMessage({ port: typeof address === 'object' && address !== null ? address.port : 0 });
	});
	parentPort?.on('message', (message: unknown) => {
		if (message === 'stop') {
			for (const client of wss.clients) client.terminate();
			wss.close();
			http.close(() => process.exit(0));
		}
	});
}

if (parentPort !== null && workerData !== undefined) start(workerData as BlasterData);
