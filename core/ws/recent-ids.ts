/** A set that remembers the last `capacity` ids it was given, forgetting the oldest first. */
export class RecentIds {
	readonly #ids = new Set<string>();

	constructor(readonly capacity: number) {}

	has(id: string): boolean {
		return this.#ids.has(id);
	}

	/** Adds `id`; returns false when it was already known. */
	add(id: string): boolean {
		if (this.#ids.has(id)) return false;
		this.#ids.add(id);
		if (this.#ids.size > this.capacity) {
			const oldest = this.#ids.values().next().value as string;
			this.#ids.delete(oldest);
		}
		return true;
	}

	get size(): number {
		return this.#ids.size;
	}
}
