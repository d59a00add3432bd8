import type { Node, NodeAPI, NodeMessage } from 'node-red';
import { KrakenValidationError } from '../../../core';
import type { RawInput } from '../../shared/input';

/*
 * Typed inputs: a dialog field whose type is msg, flow, global, env or jsonata names where its value is
 * read for each message. Every other type (none saved, `str`, `num`) is a literal, read as before typed
 * inputs existed, so a flow saved without the `<field>Type` properties behaves exactly as it did.
 *
 * The precedence rule, the same on every node (documented in each node's help and the README):
 * a field with a source is always read from that source, and msg.payload does not override it; a
 * literal field is overridden by the same-named msg.payload property, as the payload rule says.
 */

const SOURCES = ['msg', 'flow', 'global', 'env', 'jsonata'] as const;
type Source = (typeof SOURCES)[number];

/** The values a node works with for one message, split by where they came from. */
export interface FieldValues {
	/** The dialog's literal values; fields with a source are left out. */
	literals: RawInput;
	/** The values read from their sources, by field. */
	sourced: RawInput;
	/** Where each sourced value was read, by field: `msg.qty`, `flow.size`, `env SIZE`. */
	origins: Record<string, string>;
}

function sourceOf(def: RawInput, field: string): Source | undefined {
	const type = def[`${field}Type`];
	return SOURCES.find((source) => source === type);
}

/** Where a value is read, as a trader would write it. */
function originOf(source: Source, property: string): string {
	if (source === 'env') return `env ${property}`;
	if (source === 'jsonata') return `JSONata ${property}`;
	const inStore = /^#:\((\S+?)\)::(.*)$/.exec(property);
	if (inStore !== null) return `${source}.${inStore[2]} in context store ${inStore[1]}`;
	return `${source}.${property}`;
}

function isMissing(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function evaluate(RED: NodeAPI, node: Node, msg: NodeMessage, property: string, source: Source) {
	return new Promise<unknown>((resolve, reject) => {
		RED.util.evaluateNodeProperty(property, source, node, msg, (error: Error | null, value: unknown) =>
			error ? reject(error) : resolve(value),
		);
	});
}

/**
 * Reads `fields` for one message: each field with a source from that source (context stores may be
 * asynchronous), the others from the dialog. A source that holds no value is an error naming where it
 * looked; nothing falls back to a default.
 */
export async function readFieldValues(
	RED: NodeAPI,
	node: Node,
	def: RawInput,
	msg: NodeMessage,
	fields: readonly string[],
): Promise<FieldValues> {
	const literals: RawInput = { ...def };
	const sourced: RawInput = {};
	const origins: Record<string, string> = {};
	// A field with a source is never a literal, also where this message does not read it.
	for (const key of Object.keys(def)) {
		const field = key.replace(/Type$/, '');
		if (field !== key && sourceOf(def, field) !== undefined) delete literals[field];
	}
	for (const field of fields) {
		const source = sourceOf(def, field);
		if (source === undefined) continue;
		const property = String(def[field] ?? '').trim();
		const origin = originOf(source, property);
		origins[field] = origin;
		if (property === '')
			throw new KrakenValidationError(field, `reads from ${source}, but the dialog names nothing there`);
		let value: unknown;
		try {
			value = await evaluate(RED, node, msg, property, source);
		} catch (error) {
			// Node-RED throws a TypeError when a msg path runs through a missing parent: no value there.
			if (source === 'msg' && error instanceof TypeError)
				throw new SourcedValueError(field, origin, 'no value there');
			const reason = error instanceof Error ? error.message : String(error);
			throw new SourcedValueError(field, origin, `could not be read: ${reason}`);
		}
		if (isMissing(value)) throw new SourcedValueError(field, origin, 'no value there');
		sourced[field] = value;
	}
	return { literals, sourced, origins };
}

/**
 * The values to validate: `input` (dialog and msg.payload combined) with the sourced values on top. An
 * order has one id: a sourced one of `ids` replaces every id that came from the payload or the dialog.
 */
export function withSourced(input: RawInput, sourced: RawInput, ids: readonly string[] = []): RawInput {
	const combined: RawInput = { ...input };
	if (ids.some((id) => Object.hasOwn(sourced, id))) for (const id of ids) delete combined[id];
	return { ...combined, ...sourced };
}

/** A bad value from msg, flow, global or env: the message names the field and where it was read. */
export class SourcedValueError extends KrakenValidationError {
	constructor(field: string, origin: string, reason: string) {
		super(field, reason);
		this.message = `${field} from ${origin}: ${reason}`;
	}
}

/**
 * Runs `work` (validation, guards, the call), so that a validation error about a field read from a
 * source says where the value came from: "size from msg.qty: must be greater than 0, got -1".
 */
export async function namingSources<T>(origins: Record<string, string>, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (
			!(error instanceof KrakenValidationError) ||
			error instanceof SourcedValueError ||
			error.field === undefined ||
			!Object.hasOwn(origins, error.field)
		)
			throw error;
		const prefix = `${error.field}: `;
		const origin = origins[error.field];
		let reason = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
		// Environment variables often hold secrets: an error never repeats what one holds.
		if (origin.startsWith('env ')) reason = reason.replace(/, got [\s\S]*$/, '');
		throw new SourcedValueError(error.field, origin, reason);
	}
}
