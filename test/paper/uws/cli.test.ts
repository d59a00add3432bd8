import assert from 'node:assert/strict';
import { join } from 'node:path';
import { firstLine, runNode } from '../../support/child';
import { compiledRoot } from '../../support/repo';
import { spotKeyPairFor } from '../../../paper/http/keyring';
import { call } from '../server/support';
import { requestToken, UwsTestClient } from './support';

const CLI = join(compiledRoot, 'paper', 'cli.js');

describe('kraken-futures-paper CLI: Unified WebSocket fields', () => {
	it('prints the UWS URLs and a Spot key that fetches a token for the same account', async () => {
		const secret = Buffer.alloc(64, 3).toString('base64');
		const runner = runNode(CLI, ['--port', '0', '--api-key', 'cli-uws-key', '--api-secret', secret]);
		try {
			const info = JSON.parse(await firstLine(runner)) as Record<string, string>;
			assert.equal(info.uwsPublicUrl, `${info.restUrl.replace('http', 'ws')}/v2/public`);
			assert.equal(info.uwsPrivateUrl, `${info.restUrl.replace('http', 'ws')}/v2/private`);
			assert.equal(info.spotRestUrl, info.restUrl);
			// The Spot key follows from the Futures key, so a restarted exchange accepts the same Spot key.
			assert.deepEqual(
				{ spotApiKey: info.spotApiKey, spotApiSecret: info.spotApiSecret },
				spotKeyPairFor('cli-uws-key', secret),
			);
			assert.equal(Buffer.from(info.spotApiSecret, 'base64').length, 64);
			const reply = await requestToken(info.spotRestUrl, {
				apiKey: info.spotApiKey,
				apiSecret: info.spotApiSecret,
			});
			assert.deepEqual(reply.error, []);
			const { token, expires } = reply.result as { token: string; expires: number };
			assert.equal(expires, 900);
			const client = await UwsTestClient.open(info.uwsPrivateUrl);
			try {
				const placed = await client.request('add_order', {
					asset_class: 'derivatives',
					order_type: 'limit',
					side: 'buy',
					order_qty: 0.01,
					limit_price: 1000,
					symbol: 'PF_XBTUSD',
					token,
				});
				assert.equal(placed.success, true, JSON.stringify(placed));
			} finally {
				await client.close();
			}
			// Placed over UWS with the Spot key's token, visible over REST v3 with the Futures key.
			const open = await call(info.restUrl, '/derivatives/api/v3/openorders', {
				sign: { apiKey: 'cli-uws-key', apiSecret: secret },
			});
			const orders = open.json().openOrders as Record<string, unknown>[];
			assert.equal(orders.length, 1);
			assert.equal(orders[0].limitPrice, 1000);
			runner.child.kill('SIGTERM');
			assert.equal(await runner.exit, 0);
		} finally {
			runner.child.kill('SIGKILL');
		}
	});
});
