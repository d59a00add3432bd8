/** The paper exchange's contract list, shaped like Kraken's `/instruments` (§3.2, §5). */

export type ContractFamily = 'linear' | 'inverse';

export interface MarginLevel {
	threshold: number;
	initialMargin: number;
	maintenanceMargin: number;
}

export interface InstrumentSpec {
	symbol: string;
	family: ContractFamily;
	perpetual: boolean;
	base: string;
	quote: string;
	tickSize: number;
	contractValueTradePrecision: number;
	maxPositionSize: number;
	marginLevels: MarginLevel[];
	startPrice: number;
	/** Quantity scale of synthetic book levels, in contracts. */
	typicalLevelQty: number;
	openingDate: string;
	lastTradingTime?: number;
	tag: string;
	category: string;
}

const DAY_MS = 86_400_000;

const LINEAR_LEVELS: MarginLevel[] = [
	{ threshold: 0, initialMargin: 0.02, maintenanceMargin: 0.01 },
	{ threshold: 500_000, initialMargin: 0.04, maintenanceMargin: 0.02 },
	{ threshold: 2_000_000, initialMargin: 0.1, maintenanceMargin: 0.05 },
];
const INVERSE_LEVELS: MarginLevel[] = [
	{ threshold: 0, initialMargin: 0.02, maintenanceMargin: 0.01 },
	{ threshold: 500_000, initialMargin: 0.04, maintenanceMargin: 0.02 },
	{ threshold: 2_000_000, initialMargin: 0.1, maintenanceMargin: 0.05 },
];

/** The last Friday of the month three months after `startMs`, 08:00 UTC: a quarterly-style expiry. */
function quarterlyExpiry(startMs: number): number {
	const start = new Date(startMs);
	const monthEnd = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 4, 0, 8);
	const date = new Date(monthEnd);
	const back = (date.getUTCDay() - 5 + 7) % 7;
	return monthEnd - back * DAY_MS;
}

function yymmdd(ms: number): string {
	const date = new Date(ms);
	const two = (value: number) => String(value).padStart(2, '0');
	return `${two(date.getUTCFullYear() % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`;
}

export function buildInstruments(startMs: number): InstrumentSpec[] {
	const openingDate = '2022-01-01T00:00:00.000Z';
	const linear = (
		base: string,
		tickSize: number,
		precision: number,
		price: number,
		qty: number,
		max: number,
	) =>
		({
			symbol: `PF_${base}USD`,
			family: 'linear',
			perpetual: true,
			base,
			quote: 'USD',
			tickSize,
			contractValueTradePrecision: precision,
			maxPositionSize: max,
			marginLevels: LINEAR_LEVELS,
			startPrice: price,
			typicalLevelQty: qty,
			openingDate,
			tag: 'perpetual',
			category: 'Layer 1',
		}) satisfies InstrumentSpec;
	const inverse = (base: string, tickSize: number, price: number) =>
		({
			symbol: `PI_${base}USD`,
			family: 'inverse',
			perpetual: true,
			base,
			quote: 'USD',
			tickSize,
			contractValueTradePrecision: 0,
			maxPositionSize: 1_000_000,
			marginLevels: INVERSE_LEVELS,
			startPrice: price,
			typicalLevelQty: 20_000,
			openingDate,
			tag: 'perpetual',
			category: '',
		}) satisfies InstrumentSpec;
	const expiry = quarterlyExpiry(startMs);
	return [
		linear('XBT', 1, 4, 60_000, 2, 1_000),
		linear('ETH', 0.1, 3, 3_000, 30, 10_000),
		linear('SOL', 0.01, 2, 150, 500, 200_000),
		inverse('XBT', 0.5, 60_000),
		inverse('ETH', 0.05, 3_000),
		{
			...inverse('XBT', 0.5, 60_000),
			symbol: `FI_XBTUSD_${yymmdd(expiry)}`,
			perpetual: false,
			lastTradingTime: expiry,
			tag: 'quarter',
		},
	];
}

export function sizeStep(spec: InstrumentSpec): number {
	return 10 ** -spec.contractValueTradePrecision;
}

/** Whether `value` lies on the grid of `step` (tolerant of binary floating point). */
export function isOnGrid(value: number, step: number): boolean {
	const ratio = value / step;
	return Math.abs(ratio - Math.round(ratio)) < 1e-7;
}

const cleanupFactors = new Map<number, number>();

/** Rounds to the nearest multiple of `step`, without binary floating-point tails (0.30000000000000004). */
export function roundToStep(value: number, step: number): number {
	let factor = cleanupFactors.get(step);
	if (factor === undefined) {
		factor = 10 ** Math.max(0, Math.ceil(-Math.log10(step)) + 2);
		cleanupFactors.set(step, factor);
	}
	return Math.round(Math.round(value / step) * step * factor) / factor;
}

/** The single-collateral wallet an inverse contract margins in (`fi_xbtusd`), or `flex`. */
export function marginAccountOf(spec: InstrumentSpec): string {
	return spec.family === 'inverse' ? `fi_${spec.base.toLowerCase()}usd` : 'flex';
}

/** The coin an inverse contract settles in, lowercase as in `/accounts`. */
export function settlementCurrency(spec: InstrumentSpec): string {
	return spec.family === 'inverse' ? spec.base.toLowerCase() : 'usd';
}

export function marginLevelFor(spec: InstrumentSpec, exposure: number): MarginLevel {
	let level = spec.marginLevels[0];
	for (const candidate of spec.marginLevels) if (exposure >= candidate.threshold) level = candidate;
	return level;
}

function marginLevelsPayload(spec: InstrumentSpec): Record<string, number>[] {
	const unitKey = spec.family === 'inverse' ? 'contracts' : 'numNonContractUnits';
	return spec.marginLevels.map((level) => ({
		[unitKey]: level.threshold,
		initialMargin: level.initialMargin,
		maintenanceMargin: level.maintenanceMargin,
	}));
}

export function instrumentPayload(spec: InstrumentSpec, tradeable: boolean): Record<string, unknown> {
	const inverse = spec.family === 'inverse';
	const payload: Record<string, unknown> = {
		symbol: spec.symbol,
		type: inverse ? 'futures_inverse' : 'flexible_futures',
		tradeable,
		tickSize: spec.tickSize,
		contractSize: 1,
		impactMidSize: 1,
		maxPositionSize: spec.maxPositionSize,
		openingDate: spec.openingDate,
		marginLevels: marginLevelsPayload(spec),
		retailMarginLevels: marginLevelsPayload(spec),
		contractValueTradePrecision: spec.contractValueTradePrecision,
		postOnly: false,
		category: spec.category,
		tags: [],
		tradfi: false,
		mtf: false,
		base: spec.base,
		quote: spec.quote,
		pair: `${spec.base}:${spec.quote}`,
	};
	if (inverse) payload.underlying = `rr_${spec.base.toLowerCase()}usd`;
	if (spec.perpetual) {
		payload.fundingRateCoefficient = 8;
		payload.maxRelativeFundingRate = 0.005;
	}
	if (spec.lastTradingTime !== undefined)
		payload.lastTradingTime = new Date(spec.lastTradingTime).toISOString();
	return payload;
}
