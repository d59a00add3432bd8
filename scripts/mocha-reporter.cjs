// Mocha's spec reporter plus one closing line in the plain "N passed, N failed" form.
'use strict';
const Mocha = require('mocha');

class SpecWithSummary extends Mocha.reporters.Spec {
	constructor(runner, options) {
		super(runner, options);
		runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
			const { passes, failures, pending } = this.stats;
			process.stdout.write(`\nmocha: ${passes} passed, ${failures} failed, ${pending} skipped\n`);
		});
	}
}

module.exports = SpecWithSummary;
