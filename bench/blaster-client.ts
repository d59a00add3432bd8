import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BlasterData } from './frame-blaster';

/** A running frame blaster in its own thread. */
export interface Blaster {
	wsUrl: string;
	stop(): Promise<void>;
}

export async function startBlaster(data: BlasterData): Promise<Blaster> {
	const worker = new Worker(join(__dirname, 'frame-blaster.js'), { workerData: data });
	const port = await new Promise<number>((resolve, reject) => {
		worker.once('message', (message: { port: number }) => resolve(message.port));
		worker.once('error', reject);
	});
	return {
		wsUrl: `ws://127.0.0.1:${port}/ws/v1`,
		stop: async () => {
			const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
			worker.postMessage('stop');
			await exited;
		},
	};
}
