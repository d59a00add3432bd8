/** One line of the benchmark table: a measured figure next to its same-run baseline. */
export interface BenchRow {
	/** What was measured, e.g. `signing` or `tick-to-order (Node-RED)`. */
	name: string;
	/** The figure compared, e.g. `median ms` or `ops/s`. */
	metric: string;
	subject: number;
	baseline: number;
	/** subject / baseline. */
	ratio: number;
	/** The target as text, e.g. `<= 1.3x`. */
	target: string;
	met: boolean;
	/** Further figures (p99, counts, errors) printed after the table and kept in the JSON. */
	details: Record<string, unknown>;
}

export function atMost(
	name: string,
	metric: string,
	subject: number,
	baseline: number,
	limit: number,
	details: Record<string, unknown> = {},
): BenchRow {
	const ratio = subject / baseline;
	return { name, metric, subject, baseline, ratio, target: `<= ${limit}x`, met: ratio <= limit, details };
}

export function atLeast(
	name: string,
	metric: string,
	subject: number,
	baseline: number,
	limit: number,
	details: Record<string, unknown> = {},
): BenchRow {
	const ratio = subject / baseline;
	return { name, metric, subject, baseline, ratio, target: `>= ${limit}x`, met: ratio >= limit, details };
}

function figure(value: number): string {
	if (!Number.isFinite(value)) return String(value);
	if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
	if (Math.abs(value) >= 10) return value.toFixed(1);
	return value.toFixed(3);
}

function pad(cells: string[], widths: number[]): string {
	return cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
}

/** The rows as a fixed-width text table, followed by each row's details. */
export function formatTable(rows: readonly BenchRow[]): string {
	const header = ['benchmark', 'metric', 'measured', 'baseline', 'ratio', 'target', 'met'];
	const body = rows.map((row) => [
		row.name,
		row.metric,
		figure(row.subject),
		figure(row.baseline),
		`${row.ratio.toFixed(2)}x`,
		row.target,
		row.met ? 'yes' : 'NO',
	]);
	const widths = header.map((cell, i) => Math.max(cell.length, ...body.map((line) => line[i].length)));
	const lines = [
		pad(header, widths),
		pad(
			widths.map((w) => '-'.repeat(w)),
			widths,
		),
		...body.map((line) => pad(line, widths)),
	];
	const details = rows
		.filter((row) => Object.keys(row.details).length > 0)
		.map((row) => `  ${row.name}: ${JSON.stringify(row.details)}`);
	return [...lines, '', ...details].join('\n');
}

/** Markdown form of the same table, for docs/performance.md. */
export function formatMarkdown(rows: readonly BenchRow[]): string {
	const lines = [
		'| benchmark | metric | measured | baseline | ratio | target | met |',
		'|---|---|---|---|---|---|---|',
	];
	for (const row of rows) {
		lines.push(
			`| ${row.name} | ${row.metric} | ${figure(row.subject)} | ${figure(row.baseline)} | ${row.ratio.toFixed(2)}x | ${row.target} | ${row.met ? 'yes' : 'no'} |`,
		);
	}
	return lines.join('\n');
}
