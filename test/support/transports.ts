/** The two transports every host suite runs its cases on, against the paper exchange. */
export const TRANSPORTS = ['legacy', 'unified'] as const;

export type TransportName = (typeof TRANSPORTS)[number];
