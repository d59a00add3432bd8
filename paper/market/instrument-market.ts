import type { InstrumentSpec } from '../instruments';
import { roundToStep, sizeStep } from '../instruments';
import { SeededRandom, deriveSeed } from '../random';
import type { SyntheticBook } from './book';
import { cloneBook, generateBook } from './book';

export interface PublicTrade {
	uid: string;
	tradeId: number;
	seq: number;
	side: 'buy' | 'sell';
	type: 'fill';
	time: number;
	qty: number;
	price: number;
}

export interface FundingRecord {
	timestamp: number;
	fundingRate: number;
	relativeFundingRate: number;
}

const HOUR_MS = 3_600_000;
const DAY_S = 86_400;
const KEPT_TRADES = 200;
/** Hourly funding is the hour's average premium scaled by this, as `fundingRateCoefficient` says. */
export const FUNDING_COEFFICIENT = 8;
const MAX_RELATIVE_FUNDING = 0.005;

/** The live state of one contract: premium over the index, book, trades, 24 h statistics and funding. */
export class InstrumentMarket {
	premium: number;
	markPrice: number;
	indexPrice: number;
	private currentBook: SyntheticBook;
	private bookStale = false;
	private bookMid: number;
	private bookTime: number;
	private readonly bookSeed: number;
	publishedBook: SyntheticBook;
	bookSeq: number;
	trades: PublicTrade[] = [];
	unpublishedTrades: PublicTrade[] = [];
	tradeSeq = 0;
	last: number;
	lastSize: number;
	lastTime: number;
	volume24h: number;
	hourlyMarks: number[];
	openInterest: number;
	relativeFundingRate = 0;
	premiumSum = 0;
	premiumSamples = 0;
	fundingHistory: FundingRecord[] = [];
	suspended = false;

	constructor(
		readonly spec: InstrumentSpec,
		private readonly random: SeededRandom,
		indexPrice: number,
		startMs: number,
	) {
		this.indexPrice = indexPrice;
		this.premium = spec.perpetual ? random.between(-0.0004, 0.0008) : 0.002;
		this.markPrice = this.fairPrice();
		this.bookSeed = random.integer(0, 2 ** 31);
		this.bookMid = this.markPrice;
		this.bookTime = startMs;
		this.currentBook = generateBook(spec, this.markPrice, random);
		this.publishedBook = cloneBook(this.book);
		this.bookSeq = random.integer(1_000, 100_000);
		this.last = this.midPrice();
		this.lastSize = this.randomTradeQty();
		this.lastTime = startMs;
		this.volume24h = spec.typicalLevelQty * random.between(400, 800);
		this.openInterest = spec.typicalLevelQty * random.between(800, 1500);
		this.hourlyMarks = [];
		let walk = this.markPrice;
		for (let hour = 0; hour < 24; hour++) {
			walk *= Math.exp(random.normal() * 0.006);
			this.hourlyMarks.unshift(roundToStep(walk, spec.tickSize));
		}
		if (spec.perpetual) this.seedFundingHistory(startMs);
	}

	/**
	 * The synthetic book of the latest step. It is a function of the step (own seed, step time and mid), built
	 * only when someone looks, so long catch-ups stay cheap without changing any other random draw.
	 */
	get book(): SyntheticBook {
		if (this.bookStale) {
			const random = new SeededRandom(deriveSeed(this.bookSeed, String(this.bookTime)));
			this.currentBook = generateBook(this.spec, this.bookMid, random);
			this.bookStale = false;
		}
		return this.currentBook;
	}

	private seedFundingHistory(startMs: number): void {
		const currentHour = Math.floor(startMs / HOUR_MS) * HOUR_MS;
		for (let back = 24; back >= 0; back--) {
			const relative = this.random.between(-0.00002, 0.00005);
			this.pushFunding(currentHour - back * HOUR_MS, relative);
		}
	}

	private pushFunding(timestamp: number, relative: number): void {
		this.relativeFundingRate = relative;
		this.fundingHistory.push({
			timestamp,
			fundingRate: this.absoluteFrom(relative),
			relativeFundingRate: relative,
		});
	}

	/** Absolute rate per §5.4: quote per base unit for linear, coin per 1-USD contract for inverse. */
	absoluteFrom(relative: number): number {
		return this.spec.family === 'inverse' ? relative / this.indexPrice : relative * this.indexPrice;
	}

	/** The absolute rate fixed at the start of the current hour (the index moves on, the rate does not). */
	get fundingRate(): number {
		return this.fundingHistory[this.fundingHistory.length - 1]?.fundingRate ?? 0;
	}

	get relativeFundingPrediction(): number {
		if (!this.spec.perpetual) return 0;
		const average = this.premiumSamples > 0 ? this.premiumSum / this.premiumSamples : this.premium;
		return clampFunding(average / FUNDING_COEFFICIENT);
	}

	private fairPrice(): number {
		return this.indexPrice * (1 + this.premium);
	}

	midPrice(): number {
		const bid = this.book.bids[0]?.price ?? this.markPrice;
		const ask = this.book.asks[0]?.price ?? this.markPrice;
		return (bid + ask) / 2;
	}

	private randomTradeQty(): number {
		const step = sizeStep(this.spec);
		return Math.max(step, roundToStep(this.spec.typicalLevelQty * this.random.between(0.02, 0.4), step));
	}

	/** One market step of `seconds` with the new index price; may print one synthetic trade. */
	step(time: number, indexPrice: number, seconds: number): PublicTrade | undefined {
		this.indexPrice = indexPrice;
		const target = this.spec.perpetual ? 0.0002 : 0.002;
		this.premium += (target - this.premium) * Math.min(1, 0.002 * seconds);
		this.premium += this.random.normal() * 0.00004 * Math.sqrt(seconds);
		this.markPrice = this.fairPrice();
		this.premiumSum += this.premium;
		this.premiumSamples += 1;
		this.bookMid = this.markPrice * (1 + this.random.normal() * 0.00005);
		this.bookTime = time;
		this.bookStale = true;
		this.volume24h *= Math.exp(-seconds / DAY_S);
		this.openInterest = Math.max(
			this.spec.typicalLevelQty * 100,
			this.openInterest * (1 + this.random.normal() * 0.0005 * Math.sqrt(seconds)),
		);
		if (this.suspended || this.random.next() > 0.25) return undefined;
		const side = this.random.next() < 0.5 ? 'buy' : 'sell';
		const level = side === 'buy' ? this.book.asks[0] : this.book.bids[0];
		if (!level) return undefined;
		return this.recordTrade(
			this.random.uuid(),
			side,
			level.price,
			Math.min(level.qty, this.randomTradeQty()),
			time,
		);
	}

	recordTrade(uid: string, side: 'buy' | 'sell', price: number, qty: number, time: number): PublicTrade {
		this.tradeSeq += 1;
		const trade: PublicTrade = {
			uid,
			tradeId: this.tradeSeq,
			seq: this.tradeSeq,
			side,
			type: 'fill',
			time,
			qty,
			price,
		};
		this.trades.unshift(trade);
		if (this.trades.length > KEPT_TRADES) this.trades.length = KEPT_TRADES;
		this.unpublishedTrades.push(trade);
		this.last = price;
		this.lastSize = qty;
		this.lastTime = time;
		this.volume24h += qty;
		return trade;
	}

	/** At a top of hour: the next funding rate comes from the hour's premium, and 24 h stats roll. */
	rollHour(hourMs: number): void {
		this.hourlyMarks.push(roundToStep(this.markPrice, this.spec.tickSize));
		if (this.hourlyMarks.length > 24) this.hourlyMarks.shift();
		if (!this.spec.perpetual) return;
		this.pushFunding(hourMs, this.relativeFundingPrediction);
		this.premiumSum = 0;
		this.premiumSamples = 0;
	}

	get open24h(): number {
		return this.hourlyMarks[0] ?? this.last;
	}

	get high24h(): number {
		return Math.max(this.last, ...this.hourlyMarks);
	}

	get low24h(): number {
		return Math.min(this.last, ...this.hourlyMarks);
	}

	get change24h(): number {
		return ((this.last - this.open24h) / this.open24h) * 100;
	}
}

export function clampFunding(relative: number): number {
	return Math.max(-MAX_RELATIVE_FUNDING, Math.min(MAX_RELATIVE_FUNDING, relative));
}
