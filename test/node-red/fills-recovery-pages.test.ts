import assert from 'node:assert/strict';

import type { PaperExchangeServer } from '../../paper/server';
import { accountFeedLive, FILL_FEEDS } from '../support/account-feeds';
import { marketOrdersNow, startStillPaper } from '../support/paper-clocks';
import {
	TAB,
	configFor,
	configNode,
	credentialsFor,
	eventually,
	fillsNode,
	helper,
	initHelper,
	placed,
	statusMatching,
	type TestNode,
} from './support';

/**
 * The fills node after a reconnect, on the legacy API (the one that pages REST fills back by time),
 * against a paper exchange whose clock stands still so that groups of fills share one millisecond.
 */
describe('Node-RED kraken-futures-fills: fills missed during a drop, when a millisecond spans pages', function () {
	this.timeout(30_000);
	let paper: PaperExchangeServer;
	let delivered: string[];
	let fills: TestNode;
	let config: TestNode;

	before(() => initHelper());
	beforeEach(async () => {
		paper = await startStillPaper();
		await helper.startServer();
		const flow = placed([
			TAB,
			configFor(paper, 'cfg'),
			{ id: 'fills', type: 'kraken-futures-fills', z: 'tab', account: 'cfg', symbols: '', wires: [['out']] },
			{ id: 'out', type: 'helper', z: 'tab' },
		]);
		await helper.load([configNode, fillsNode], flow, credentialsFor(paper, 'cfg'));
		delivered = [];
		helper
			.getNode('out')
			.on('input', (msg: { payload: { fill_id: string } }) => delivered.push(msg.payload.fill_id));
		fills = helper.getNode('fills');
		config = helper.getNode('cfg');
		await accountFeedLive(paper, FILL_FEEDS);
	});
	afterEach(async () => {
		await helper.unload();
		await helper.stopServer();
		await paper.stop();
	});

	/** What the config node warned about fills (it also warns that the legacy API ends in 2027). */
	const fillWarnings = (): string[] =>
		config.warn.args.map((args) => String(args[0])).filter((text) => /fills/.test(text));

	/** One fill seen live, then the socket dropped: what follows is made while the node is away. */
	async function droppedAfterOneFill(): Promise<string[]> {
		const first = marketOrdersNow(paper, 1);
		await eventually(() => delivered.length === first.length, 10_000, 'the live fill');
		paper.exchange.advanceTime(1);
		paper.faults.dropConnections();
		return first;
	}

	it('delivers all 140 missed fills once and in order, though 60 of them straddle the first page', async () => {
		const first = await droppedAfterOneFill();
		const missed = marketOrdersNow(paper, 60);
		paper.exchange.advanceTime(1);
		missed.push(...marketOrdersNow(paper, 80));
		await eventually(
			() => delivered.length >= first.length + missed.length,
			15_000,
			'the missed fills',
		).catch(() => undefined);
		assert.deepEqual(delivered, [...first, ...missed]);
		assert.deepEqual(fillWarnings(), []);
	});

	it('warns, and shows a feed error, when more than a page of missed fills share one millisecond', async () => {
		await droppedAfterOneFill();
		marketOrdersNow(paper, 130);
		await statusMatching(fills, /feed error/, 15_000);
		await eventually(() => fillWarnings().length > 0, 5_000, 'the warning');
		assert.match(fillWarnings()[0], /100 fills all at/);
	});
});
