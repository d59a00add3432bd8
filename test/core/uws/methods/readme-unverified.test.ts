import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CL_ORD_ID_FREE_TEXT_MAX, unverifiedNames } from '../../../../core/uws/unverified';
import { repoRoot } from '../../../support/repo';

describe('README: the facts not yet verified against live Kraken', () => {
	const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
	const start = readme.indexOf('### Facts not yet verified against live Kraken');
	const section = readme.slice(start, readme.indexOf('\n## ', start));

	it('has the section', () => {
		assert.ok(start > 0);
	});

	it('names every unverified wire name of core/uws/unverified.ts', () => {
		const missing = unverifiedNames()
			.filter((row) => row.key !== 'cl_ord_id')
			.filter((row) => !section.includes(`\`${row.name}\``))
			.map((row) => `${row.table}.${row.name}`);
		assert.deepEqual(missing, []);
		assert.ok(section.includes(`at most ${CL_ORD_ID_FREE_TEXT_MAX} characters`));
	});
});
