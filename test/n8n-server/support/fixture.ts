import { installAsCommunityPackage, packThisPackage } from './community-package';
import { createN8nHome, runN8nCli, startN8nServer, type N8nHome, type N8nServer } from './n8n-process';
import { N8nRest } from './rest';
import { WORKFLOWS_DIR } from './workflow-files';

/** One n8n server with this package installed and an owner signed in, shared by the suite's sections. */
export interface N8nFixture {
	home: N8nHome;
	server: N8nServer;
	rest: N8nRest;
	packageName: string;
	/** Output of `n8n import:workflow --separate --input=workflows/`, run before the server started. */
	cliImportOutput: string;
}

export async function startFixture(): Promise<N8nFixture> {
	const home = await createN8nHome();
	let server: N8nServer | undefined;
	try {
		const pack = packThisPackage();
		let packageName: string;
		try {
			packageName = installAsCommunityPackage(home, pack.tarball).name;
		} finally {
			pack.remove();
		}
		// The CLI import a self-hoster runs; it also creates the database the server then opens.
		const cliImportOutput = await runN8nCli(home, [
			'import:workflow',
			'--separate',
			`--input=${WORKFLOWS_DIR}`,
		]);
		server = await startN8nServer(home);
		const rest = new N8nRest(server.baseUrl);
		await rest.setupOwner();
		return { home, server, rest, packageName, cliImportOutput };
	} catch (error) {
		await server?.stop();
		home.remove();
		throw error;
	}
}

export async function stopFixture(fixture: N8nFixture | undefined): Promise<void> {
	if (fixture === undefined) return;
	try {
		await fixture.server.stop();
	} finally {
		fixture.home.remove();
	}
}
