/**
 * Retries a check until it passes or `timeoutMs` is over: account state reaches a unified client
 * by push, so a read right after a change may need a moment. The last failure is rethrown.
 */
export async function eventually(check: () => Promise<void>, timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await check();
		} catch (error) {
			if (Date.now() >= deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
}
