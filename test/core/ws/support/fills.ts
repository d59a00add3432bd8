/** A fill as the WS `fills` feed sends it. */
export function wsFill(
	id: string,
	time: number,
	instrument = 'PF_XBTUSD',
	extra: Record<string, unknown> = {},
) {
	return {
		instrument,
		time,
		price: 50_000,
		seq: 1,
		buy: true,
		qty: 0.01,
		remaining_order_qty: 0,
		order_id: `order-${id}`,
		fill_id: id,
		fill_type: 'maker',
		fee_paid: 0.1,
		fee_currency: 'USD',
		taker_order_type: 'ioc',
		order_type: 'lmt',
		...extra,
	};
}

/** The same fill as REST `fills` returns it. */
export function restFill(id: string, time: number, symbol = 'PF_XBTUSD') {
	return {
		fill_id: id,
		symbol,
		side: 'buy',
		order_id: `order-${id}`,
		size: 0.01,
		price: 50_000,
		fillTime: new Date(time).toISOString(),
		fillType: 'maker',
	};
}
