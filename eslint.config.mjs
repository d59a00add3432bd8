import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

// n8n's own lint config for community nodes, without the n8n Cloud rules: this package also ships
// Node-RED nodes and a WebSocket client, which need timers and the `ws`/`undici` dependencies, so it
// is an unverified community package by design.
const HOSTS = ['node-red', 'n8n-workflow', 'n8n-core'];

export default [
	{
		ignores: [
			'dist/**',
			'.tmp/**',
			'.demo/**',
			'artifacts/**',
			'node_modules/**',
			'scripts/**',
			'**/*.mjs',
			'**/*.cjs',
		],
	},
	...configWithoutCloudSupport,
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
	{
		// Node-RED's documented idiom: `const node = this` inside a node constructor.
		files: ['nodes/node-red/**/*.ts'],
		rules: { '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['node'] }] },
	},
	{
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	{
		// The core is platform-neutral: no host packages and nothing of the host adapters.
		files: ['core/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: HOSTS.map((name) => ({ name, message: 'core/ must not import a host package' })),
					patterns: [
						{
							group: ['**/nodes/**', '**/credentials/**', '**/paper/**'],
							message: 'core/ must not import adapters or the paper exchange',
						},
						{
							group: ['node-red/*', 'n8n-workflow/*', 'n8n-core/*'],
							message: 'core/ must not import a host package',
						},
					],
				},
			],
		},
	},
	{
		// The paper exchange is written from Kraken's documentation, never from our adapters.
		files: ['paper/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: HOSTS.map((name) => ({ name, message: 'paper/ must not import a host package' })),
					patterns: [
						{ group: ['**/nodes/**', '**/credentials/**'], message: 'paper/ must not import adapters' },
					],
				},
			],
		},
	},
	{
		// The UWS probe is a standalone CLI over core: no hosts, no adapters, no paper exchange.
		files: ['probe/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: HOSTS.map((name) => ({ name, message: 'probe/ must not import a host package' })),
					patterns: [
						{
							group: ['**/nodes/**', '**/credentials/**', '**/paper/**'],
							message: 'probe/ must not import adapters or the paper exchange',
						},
					],
				},
			],
		},
	},
	{
		// Node-RED adapters never load n8n code (n8n-workflow is absent in a Node-RED install).
		files: ['nodes/node-red/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{ name: 'n8n-workflow', message: 'Node-RED nodes must not import n8n' },
						{ name: 'n8n-core', message: 'Node-RED nodes must not import n8n' },
					],
				},
			],
		},
	},
	{
		// n8n's error classes only exist inside n8n: everything outside the n8n adapters throws KrakenError.
		files: [
			'core/**/*.ts',
			'paper/**/*.ts',
			'probe/**/*.ts',
			'nodes/node-red/**/*.ts',
			'test/**/*.ts',
			'bench/**/*.ts',
		],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// Tests and benchmarks use Kraken's published test vectors and spawn the CLI and hosts.
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: {
			'no-console': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
		},
	},
];
