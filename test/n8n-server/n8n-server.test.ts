import { describeAiTool, describeCredentialTest, describeNodeTypes } from './credentials-and-tools';
import { describeEditor } from './editor';
import { startFixture, stopFixture, type N8nFixture } from './support/fixture';
import { describeWorkflows } from './workflows';

/**
 * A real n8n 2.40 server (scripts/ensure-n8n.mjs installs it once into a cache) with this package
 * installed from its tarball as a community package, on 127.0.0.1 with a throw-away user folder.
 * Run by `npm run test:n8n-server` on Node 24; the in-process n8n tests are in test/n8n/.
 */
describe('n8n server with this package installed', function () {
	let fixture: N8nFixture | undefined;
	const current = (): N8nFixture => {
		if (fixture === undefined) throw new Error('the n8n server did not start');
		return fixture;
	};

	before(async function () {
		this.timeout(420_000);
		fixture = await startFixture();
	});
	after(async function () {
		this.timeout(60_000);
		await stopFixture(fixture);
	});

	describe('node types', () => describeNodeTypes(current));
	describe('credential test (CredentialsTester)', () => describeCredentialTest(current));
	describe('workflows/*.json', () => describeWorkflows(current));
	describe('AI agent tool', () => describeAiTool(current));
	describe('editor in Chromium', () => describeEditor(current));
});
