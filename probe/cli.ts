#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { CredentialsError, KEY_ENV, keyFromEnvironment, readKeyFile, SECRET_ENV } from './credentials';
import { SessionRecorder } from './recorder';
import { runProbe, type ProbeOptions } from './session';

const ISSUES_URL = 'https://github.com/perpflow/n8n-nodes-kraken-futures/issues';

const USAGE = `Usage: kraken-futures-uws-probe [options]

Records a session with Kraken's Unified WebSocket (UWS) to a JSON-lines file, so the fields Kraken
has not documented for derivatives can be read from real messages. Public channels (instrument,
ticker, book, trade, ohlc) need no key. With a Kraken API key (WebSocket access; not a Futures key)
it also records the private snapshots (executions, positions, balances, margin, ledgers, preferences)
and sends one order with validate: true, which Kraken checks but never places.

The key is read from a file (--key-file) or from ${KEY_ENV} and ${SECRET_ENV}, never from the
command line. Tokens and keys are redacted in the file.

Options:
  --symbols <list>      comma-separated derivatives symbols (default PF_XBTUSD)
  --seconds <n>         how long to record the public channels (default 30)
  --out <file>          the JSON-lines file to write (default uws-probe-<time>.jsonl)
  --key-file <path>     JSON {"apiKey": "...", "apiSecret": "..."}, or the key and secret on two lines
  --no-order            do not send the validate-only order
  --public-url <url>    default wss://uws.kraken.com/v2/public
  --private-url <url>   default wss://uws.kraken.com/v2/private
  --rest-url <url>      Spot REST base for the token (default https://api.kraken.com)
  --help                show this help

Please attach the file to an issue at ${ISSUES_URL}
`;

class UsageError extends Error {}

export interface ProbeCommand {
	options: ProbeOptions;
	out: string;
}

/** Reads the command line and the environment into probe options, or undefined when only help was asked for. */
export function parseCommandLine(args: string[], env: NodeJS.ProcessEnv): ProbeCommand | undefined {
	if (args.some((arg) => /^--(api-?key|api-?secret|secret|token)(=|$)/.test(arg))) {
		throw new UsageError(
			`keys are not taken on the command line; use --key-file or ${KEY_ENV} and ${SECRET_ENV}`,
		);
	}
	let values: Record<string, string | boolean | undefined>;
	try {
		({ values } = parseArgs({
			args,
			strict: true,
			allowPositionals: false,
			options: {
				symbols: { type: 'string' },
				seconds: { type: 'string' },
				out: { type: 'string' },
				'key-file': { type: 'string' },
				'no-order': { type: 'boolean' },
				'public-url': { type: 'string' },
				'private-url': { type: 'string' },
				'rest-url': { type: 'string' },
				help: { type: 'boolean' },
			},
		}));
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	if (values.help) return undefined;
	const text = (name: string): string | undefined => values[name] as string | undefined;
	const seconds = Number(text('seconds') ?? '30');
	if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
		throw new UsageError(`--seconds must be a number from 1 to 3600, got "${text('seconds')}"`);
	}
	const symbols = (text('symbols') ?? 'PF_XBTUSD')
		.split(',')
		.map((symbol) => symbol.trim())
		.filter((symbol) => symbol !== '');
	if (symbols.length === 0) throw new UsageError('--symbols needs at least one symbol');
	const urls = {
		publicUrl: text('public-url') ?? 'wss://uws.kraken.com/v2/public',
		privateUrl: text('private-url') ?? 'wss://uws.kraken.com/v2/private',
		restUrl: text('rest-url') ?? 'https://api.kraken.com',
	};
	for (const [name, url] of Object.entries(urls)) {
		if (!URL.canParse(url)) throw new UsageError(`${name} is not a URL: "${url}"`);
	}
	const keyFile = text('key-file');
	const key = keyFile !== undefined ? readKeyFile(keyFile) : keyFromEnvironment(env);
	return {
		out: text('out') ?? `uws-probe-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`,
		options: { ...urls, symbols, seconds, key, validateOrder: values['no-order'] !== true },
	};
}

async function main(args: string[]): Promise<void> {
	let command: ProbeCommand | undefined;
	try {
		command = parseCommandLine(args, process.env);
	} catch (error) {
		if (!(error instanceof UsageError) && !(error instanceof CredentialsError)) throw error;
		process.stderr.write(`kraken-futures-uws-probe: ${error.message}\nRun with --help for usage.\n`);
		process.exitCode = 2;
		return;
	}
	if (command === undefined) {
		process.stdout.write(USAGE);
		return;
	}
	const recorder = new SessionRecorder(command.out);
	const mode =
		command.options.key === undefined ? 'public channels only (no key given)' : 'public and private channels';
	process.stderr.write(`Recording ${mode} to ${command.out} …\n`);
	try {
		await runProbe(command.options, recorder);
		process.stderr.write(
			`Recorded ${recorder.lines} lines to ${command.out}.\nPlease attach it to an issue at ${ISSUES_URL}\n`,
		);
	} catch (error) {
		recorder.record('probe', 'note', { event: 'failed', error: (error as Error).message });
		process.stderr.write(
			`kraken-futures-uws-probe: ${(error as Error).message}\nWhat was recorded is in ${command.out}.\n`,
		);
		process.exitCode = 1;
	} finally {
		await recorder.close();
	}
}

if (require.main === module) void main(process.argv.slice(2));
