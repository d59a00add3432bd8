#!/usr/bin/env node
import { parseArgs } from 'node:util';
import type { Logger } from '../core/logger';
import { connectionInfo } from './connection-info';
import { startPaperExchange, type PaperExchangeServerOptions } from './server';

const USAGE = `Usage: kraken-futures-paper [options]

Runs a local paper Kraken Futures exchange (Derivatives REST v3, WebSocket v1 and the Unified
WebSocket) on this machine. Prints one JSON line once it is listening: restUrl, wsUrl, apiKey and
apiSecret (Futures key), uwsPublicUrl, uwsPrivateUrl, spotRestUrl, spotApiKey and spotApiSecret
(Kraken key for Unified WebSocket tokens; same account). Logs go to stderr.
Stops on Ctrl-C (SIGINT) or SIGTERM.

Options:
  --port <n>          TCP port; 0 picks a free one (default 0)
  --host <address>    address to listen on (default 127.0.0.1)
  --api-key <key>     API key to accept (generated when absent; needs --api-secret)
  --api-secret <b64>  base64 API secret for --api-key
  --seed <n>          seed for the simulated market and the ids (same seed, same market);
                      without it order and fill ids are random UUIDs
  --state <file>      keep the accounts, their keys and the port in this file across restarts
                      (created when missing; one exchange at a time may use it)
  --reset             with --state: start the accounts afresh (the keys stay the same)
  --starting-balance <usd>
                      flex collateral of a new or reset account (default 100000); with --state it
                      is remembered for later resets
  --speed <x>         market clock speed, e.g. 10 runs ten times faster than real time
  --help              show this help
`;

/** A command-line mistake: reported in one line, exit code 2. */
class UsageError extends Error {}

function integer(name: string, text: string | undefined, min: number, max: number): number | undefined {
	if (text === undefined) return undefined;
	const value = Number(text);
	if (!/^-?\d+$/.test(text) || value < min || value > max) {
		throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
	}
	return value;
}

function positive(name: string, text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const value = Number(text);
	if (!Number.isFinite(value) || value <= 0)
		throw new UsageError(`--${name} must be a positive number, got "${text}"`);
	return value;
}

/** Reads the command line into server options, or undefined when only help was asked for. */
export function parseCommandLine(args: string[]): PaperExchangeServerOptions | undefined {
	let values: Record<string, string | boolean | undefined>;
	try {
		({ values } = parseArgs({
			args,
			strict: true,
			allowPositionals: false,
			options: {
				port: { type: 'string' },
				host: { type: 'string' },
				'api-key': { type: 'string' },
				'api-secret': { type: 'string' },
				seed: { type: 'string' },
				speed: { type: 'string' },
				state: { type: 'string' },
				reset: { type: 'boolean' },
				'starting-balance': { type: 'string' },
				help: { type: 'boolean' },
			},
		}));
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	if (values.help) return undefined;
	const text = (name: string): string | undefined => values[name] as string | undefined;
	const apiKey = text('api-key');
	const apiSecret = text('api-secret');
	if ((apiKey === undefined) !== (apiSecret === undefined)) {
		throw new UsageError('--api-key and --api-secret must be given together');
	}
	const speed = positive('speed', text('speed'));
	const statePath = text('state');
	if (values.reset && statePath === undefined) throw new UsageError('--reset needs --state <file>');
	if (statePath === '') throw new UsageError('--state needs a file name');
	return {
		...stateOptions(statePath, values.reset === true, positive('starting-balance', text('starting-balance'))),
		// With a state file, no --port means the port it used last (when free), so clients keep their URL.
		port: integer('port', text('port'), 0, 65535) ?? (statePath === undefined ? 0 : undefined),
		host: text('host') ?? '127.0.0.1',
		apiKey,
		apiSecret,
		seed: integer('seed', text('seed'), 0, Number.MAX_SAFE_INTEGER),
		clock: speed === undefined ? {} : { speed },
	};
}

function stateOptions(
	statePath: string | undefined,
	resetState: boolean,
	startingCollateralUsd: number | undefined,
): PaperExchangeServerOptions {
	const options: PaperExchangeServerOptions = {};
	if (statePath !== undefined) Object.assign(options, { statePath, resetState });
	if (startingCollateralUsd !== undefined) options.startingCollateralUsd = startingCollateralUsd;
	return options;
}

function stderrLogger(): Logger {
	const write =
		(level: string) =>
		(message: string, meta?: Record<string, unknown>): void => {
			process.stderr.write(`[paper] ${level} ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}\n`);
		};
	return { debug: () => undefined, info: write('info'), warn: write('warn'), error: write('error') };
}

/** How long a stopping process may take before it is ended anyway. */
const EXIT_GRACE_MS = 5_000;

async function main(args: string[]): Promise<void> {
	let options: PaperExchangeServerOptions | undefined;
	try {
		options = parseCommandLine(args);
	} catch (error) {
		process.stderr.write(`kraken-futures-paper: ${(error as Error).message}\nRun with --help for usage.\n`);
		process.exitCode = 2;
		return;
	}
	if (options === undefined) {
		process.stdout.write(USAGE);
		return;
	}
	const logger = stderrLogger();
	let server;
	try {
		server = await startPaperExchange({ ...options, logger });
	} catch (error) {
		process.stderr.write(`kraken-futures-paper: could not start: ${(error as Error).message}\n`);
		process.exitCode = 1;
		return;
	}
	const where = server.statePath === undefined ? {} : { statePath: server.statePath };
	const shutdown = (): void => {
		process.off('SIGINT', shutdown);
		process.off('SIGTERM', shutdown);
		setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
		server.stop().then(
			() => {
				process.exitCode = 0;
			},
			(error: unknown) => {
				logger.error('stop failed', { error: String(error) });
				process.exitCode = 1;
			},
		);
	};
	// Until a handler is installed, a signal kills the process outright; a caller may signal as soon as
	// it reads the line, so the handlers come first.
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
	process.stdout.write(`${JSON.stringify({ ...connectionInfo(server), ...where })}\n`);
}

if (require.main === module) void main(process.argv.slice(2));
