import { CredentialTestContext } from 'n8n-core';
import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type INodeCredentialTestResult,
	type INodeParameters,
	type INodeType,
} from 'n8n-workflow';

import type { CredentialData, Engine } from './engine';

/**
 * The credential as n8n's server hands it to code: the saved data with every missing setting filled
 * in from the credential type's defaults (what n8n's CredentialsHelper does before a test or a run).
 */
export function asN8nDelivers(engine: Engine, saved: CredentialData): ICredentialDataDecryptedObject {
	return NodeHelpers.getNodeParameters(
		engine.credentialType.properties,
		saved as INodeParameters,
		true,
		false,
		null,
		null,
	) as ICredentialDataDecryptedObject;
}

/**
 * What n8n's credential tester runs for this credential: the node that declares `testedBy` for it,
 * its `methods.credentialTest` function, in n8n's own CredentialTestContext, on the data with
 * defaults applied.
 */
export async function testCredentialByNode(
	engine: Engine,
	saved: CredentialData,
): Promise<INodeCredentialTestResult> {
	const node: INodeType = engine.nodeType('krakenFutures');
	const declared = node.description.credentials?.find((credential) => credential.name === 'krakenFuturesApi');
	const testedBy = declared?.testedBy;
	if (typeof testedBy !== 'string') throw new Error('the node declares no credential test function');
	const test = node.methods?.credentialTest?.[testedBy];
	if (test === undefined) throw new Error(`the node has no credentialTest.${testedBy}`);
	return test.call(new CredentialTestContext(), {
		id: 'cred',
		name: 'Kraken Futures',
		type: 'krakenFuturesApi',
		data: asN8nDelivers(engine, saved),
	});
}
