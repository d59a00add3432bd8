import { createHash, createHmac } from 'node:crypto';
import { KrakenSigner } from '../core/sign';
import { atLeast, type BenchRow } from './report';
import { interleaved, opsPerSecond } from './stats';

const SECRET = '7zxMEF5p/Z8l2p2U7Ghv6x14Af+Fx+92tPgUdVQ748FOIrEoT9bgT+bTRfXc5pz8na+hL/QdrCVG7bh9KpT0eMTm';
const POST_DATA = 'orderType=lmt&symbol=PF_XBTUSD&side=buy&size=0.0001&limitPrice=30000&cliOrdId=bench-0001';
const PATH = '/derivatives/api/v3/sendorder';

export interface SigningOptions {
	operations: number;
	rounds: number;
}

/** Authent signatures per second through `KrakenSigner.authent` against a bare node:crypto loop. */
export async function benchSigning(options: SigningOptions): Promise<BenchRow> {
	const signer = new KrakenSigner('bench-key', SECRET);
	const key = Buffer.from(SECRET, 'base64');
	let sink = 0;
	const subject = (): Promise<number> =>
		opsPerSecond(options.operations, (count) => {
			for (let i = 0; i < count; i++) sink += signer.authent(POST_DATA, String(i), PATH).length;
		});
	// The baseline already knows the signed path and holds the decoded key: the least work possible.
	const baseline = (): Promise<number> =>
		opsPerSecond(options.operations, (count) => {
			for (let i = 0; i < count; i++) {
				const digest = createHash('sha256').update(`${POST_DATA}${i}/api/v3/sendorder`, 'utf8').digest();
				sink += createHmac('sha512', key).update(digest).digest('base64').length;
			}
		});
	await subject();
	await baseline();
	const result = await interleaved(options.rounds, subject, baseline);
	return atLeast('signing', 'signatures/s', result.subject, result.baseline, 0.9, {
		operationsPerRound: options.operations,
		rounds: options.rounds,
		checksum: sink > 0,
	});
}
