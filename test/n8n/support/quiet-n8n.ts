// n8n's logger reports every failed node run on the console; the tests assert on those errors
// themselves. Must run before n8n-core is first loaded, hence a module of its own.
process.env.N8N_LOG_LEVEL ??= 'silent';
