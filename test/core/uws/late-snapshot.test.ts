import { strict as assert } from 'node:assert';
import type { UwsPush } from '../../../core/uws/envelope';
import { KrakenUwsSession } from '../../../core/uws/session';
import { delay, keyedSessionOptions, ScriptedUws, waitFor } from './support/scripted-uws';

describe('core/uws/session: a consumer that joins an account channel late', function () {
	this.timeout(20_000);
	let server: ScriptedUws;
	let session: KrakenUwsSession;
	let snapshots = 0;

	beforeEach(async () => {
		snapshots = 0;
		server = await ScriptedUws.start({
			afterSubscribe: (connection, params) => {
				if (params.channel !== 'positions' && params.channel !== 'executions') return;
				snapshots += 1;
				connection.send({ channel: params.channel, type: 'snapshot', data: [{ n: snapshots }] });
			},
		});
		session = new KrakenUwsSession(keyedSessionOptions(server));
	});
	afterEach(async () => {
		await session.close();
		await server.stop();
	});

	const methods = () =>
		server
			.allReceived()
			.map((m) => `${String(m.method)} ${String((m.params as { channel?: string })?.channel ?? '')}`);

	it('is handed the snapshot and every push since, in order, without troubling the server', async () => {
		const first: UwsPush[] = [];
		const late: UwsPush[] = [];
		session.subscribe({ channel: 'positions' }, (push) => first.push(push));
		await waitFor(() => first.some((push) => push.channel === 'positions'), 5_000, 'the first snapshot');
		server.broadcast('private', { channel: 'positions', type: 'update', data: [{ n: 'update' }] });
		await waitFor(() => first.length === 2, 5_000, 'the update');
		session.subscribe({ channel: 'positions' }, (push) => late.push(push));
		assert.deepEqual(
			late.map((push) => push.type),
			['snapshot', 'update'],
		);
		assert.deepEqual(late, first, 'the same pushes, in the same order');
		server.broadcast('private', { channel: 'positions', type: 'update', data: [{ n: 'later' }] });
		await waitFor(() => late.length === 3 && first.length === 3, 5_000, 'the next update for both');
		assert.deepEqual(
			methods().filter((line) => line.endsWith(' positions')),
			['subscribe positions'],
		);
	});

	it('is handed the latest state of each margin section (margin sends whole states, no snapshot)', async () => {
		const first: UwsPush[] = [];
		const late: UwsPush[] = [];
		session.subscribe({ channel: 'margin' }, (push) => first.push(push));
		await waitFor(() => methods().includes('subscribe margin'), 5_000, 'the margin subscribe');
		server.broadcast('private', { channel: 'margin', type: 'multi_collateral', data: [{ n: 1 }] });
		server.broadcast('private', { channel: 'margin', type: 'single_collateral', data: [{ n: 2 }] });
		server.broadcast('private', { channel: 'margin', type: 'multi_collateral', data: [{ n: 3 }] });
		await waitFor(() => first.length === 3, 5_000, 'three margin states');
		session.subscribe({ channel: 'margin' }, (push) => late.push(push));
		assert.deepEqual(
			late.map((push) => [push.type, push.data]),
			[
				['single_collateral', [{ n: 2 }]],
				['multi_collateral', [{ n: 3 }]],
			],
		);
		server.broadcast('private', { channel: 'margin', type: 'single_collateral', data: [{ n: 4 }] });
		await waitFor(() => late.length === 3 && first.length === 4, 5_000, 'the next state for both');
		assert.deepEqual(
			methods().filter((line) => line.endsWith(' margin')),
			['subscribe margin'],
		);
	});

	it('gets a fresh snapshot by a resubscribe once the pushes since the snapshot were too many to keep', async () => {
		const first: UwsPush[] = [];
		session.subscribe({ channel: 'positions' }, (push) => first.push(push));
		await waitFor(() => first.length === 1, 5_000, 'the snapshot');
		for (let n = 0; n < 1_001; n++) {
			server.broadcast('private', { channel: 'positions', type: 'update', data: [{ n }] });
		}
		await waitFor(() => first.length === 1_002, 10_000, 'every update');
		const late: UwsPush[] = [];
		session.subscribe({ channel: 'positions' }, (push) => late.push(push));
		await waitFor(() => late.length === 1, 5_000, 'a fresh snapshot');
		assert.equal(late[0].type, 'snapshot');
		assert.deepEqual(
			methods().filter((line) => line.endsWith(' positions')),
			['subscribe positions', 'unsubscribe positions', 'subscribe positions'],
		);
	});

	it('a consumer that joins before the snapshot came waits for it, with no resubscribe', async () => {
		const pushes: UwsPush[][] = [[], []];
		session.subscribe({ channel: 'positions' }, (push) => pushes[0].push(push));
		session.subscribe({ channel: 'positions' }, (push) => pushes[1].push(push));
		await waitFor(() => pushes[1].some((push) => push.channel === 'positions'), 5_000, 'the snapshot');
		await delay(200);
		assert.deepEqual(
			methods().filter((line) => line.endsWith(' positions')),
			['subscribe positions'],
		);
	});
});
