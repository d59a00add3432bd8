/** Waits `ms`, or rejects with `abortError()` as soon as `signal` aborts. Leaves no timer behind. */
export function abortableDelay(
	ms: number,
	signal: AbortSignal | undefined,
	abortError: () => Error,
): Promise<void> {
	if (signal?.aborted) return Promise.reject(abortError());
	return new Promise<void>((resolve, reject) => {
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(abortError());
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
