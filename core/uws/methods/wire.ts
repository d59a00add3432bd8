/** Wire constants every UWS trading request shares (reference §3.0, verified). */

/** Every UWS trading method takes this `asset_class`. */
export const DERIVATIVES = 'derivatives';

/** `batch_add` carries 2 to 15 orders, all of one symbol (reference §3.4.6). */
export const BATCH_ADD_MIN = 2;
export const BATCH_ADD_MAX = 15;

/** `batch_cancel` carries 2 to 50 ids (reference §3.4.6). */
export const BATCH_CANCEL_MIN = 2;
export const BATCH_CANCEL_MAX = 50;
