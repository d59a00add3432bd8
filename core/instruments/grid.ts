import { decimalPlaces, powerOfTen, roundToDecimals } from '../numbers';

/**
 * Price and size grids. Inputs are binary floats (0.1 + 0.2 is 0.30000000000000004), so a value
 * within a tiny tolerance of a grid point counts as on the grid and is snapped to that point's
 * exact decimal form before it is sent.
 */

/** The size step of an instrument: 10^-contractValueTradePrecision (a negative precision gives 10, 100, 1000...). */
export function sizeStep(contractValueTradePrecision: number): number {
	const precision = Math.trunc(contractValueTradePrecision);
	if (precision < 0) return 10 ** -precision;
	// 1 / 10^p rounds as the text 1e-p parses (division rounds correctly), without building the text.
	const scale = powerOfTen(precision);
	return scale === undefined ? Number(`1e-${precision}`) : 1 / scale;
}

function tolerance(ratio: number): number {
	// Float error grows with magnitude: ~1e-16 relative, so allow 1e-9 of a step or 1e-12 relative.
	return Math.max(1e-9, Math.abs(ratio) * 1e-12);
}

/** `steps × step`, written with exactly as many decimals as the step has. */
function fromSteps(steps: number, step: number): number {
	const decimals = decimalPlaces(step);
	return roundToDecimals(steps * step, decimals) ?? Number((steps * step).toFixed(Math.min(100, decimals)));
}

/** The grid point `value` is on, or `undefined` when it is off the grid. */
export function snapToGrid(value: number, step: number): number | undefined {
	const ratio = value / step;
	const nearest = Math.round(ratio);
	return Math.abs(ratio - nearest) <= tolerance(ratio) ? fromSteps(nearest, step) : undefined;
}

/** Rounds to the nearest grid point (prices). */
export function roundToStep(value: number, step: number): number {
	return fromSteps(Math.round(value / step), step);
}

/** Rounds toward zero to a grid point (sizes: never trade more than asked). */
export function truncateToStep(value: number, step: number): number {
	const ratio = value / step;
	const steps = ratio >= 0 ? Math.floor(ratio + tolerance(ratio)) : Math.ceil(ratio - tolerance(ratio));
	return fromSteps(steps, step);
}
