import { tradingCases } from './trading.cases';
import { unifiedTransport } from './transports';

tradingCases(unifiedTransport);
