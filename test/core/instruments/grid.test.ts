import { strict as assert } from 'node:assert';
import { roundToStep, sizeStep, snapToGrid, truncateToStep } from '../../../core/instruments/grid';

describe('core/instruments/grid', () => {
	it('derives the size step from contractValueTradePrecision, negative exponents included', () => {
		assert.equal(sizeStep(4), 0.0001);
		assert.equal(sizeStep(0), 1);
		assert.equal(sizeStep(3), 0.001);
		assert.equal(sizeStep(-3), 1000);
		assert.equal(sizeStep(-1), 10);
	});

	it('accepts values on the grid despite binary float error, snapping them to the exact decimal', () => {
		assert.equal(snapToGrid(0.1 + 0.2, 0.1), 0.3);
		assert.equal(snapToGrid(0.30000000000000004, 0.0001), 0.3);
		assert.equal(snapToGrid(1.0000000000000002, 0.0001), 1);
		assert.equal(snapToGrid(30000, 1), 30000);
		assert.equal(snapToGrid(0.0003, 0.0001), 0.0003);
		assert.equal(snapToGrid(29000.5, 0.5), 29000.5);
		assert.equal(snapToGrid(98000, 1000), 98000);
		assert.equal(snapToGrid(1.1e-9, 1e-10), 1.1e-9);
		assert.equal(snapToGrid(123456789.1234, 0.0001), 123456789.1234);
	});

	it('rejects values off the grid', () => {
		assert.equal(snapToGrid(0.00015, 0.0001), undefined);
		assert.equal(snapToGrid(30000.3, 0.5), undefined);
		assert.equal(snapToGrid(98123, 1000), undefined);
		assert.equal(snapToGrid(1.5, 1), undefined);
		assert.equal(snapToGrid(0.15, 0.1), undefined);
	});

	it('rounds prices to the nearest tick and sizes toward zero', () => {
		assert.equal(roundToStep(30000.3, 0.5), 30000.5);
		assert.equal(roundToStep(30000.2, 0.5), 30000);
		assert.equal(roundToStep(0.123456, 0.0001), 0.1235);
		assert.equal(truncateToStep(98123, 1000), 98000);
		assert.equal(truncateToStep(0.00019, 0.0001), 0.0001);
		assert.equal(truncateToStep(0.3 - 1e-17, 0.1), 0.3);
		assert.equal(truncateToStep(1.99999, 1), 1);
	});
});
