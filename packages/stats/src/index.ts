export { pearson, ranks, spearman } from './correlation.js';
export { StatsInputError } from './errors.js';
export { normalCdf, normalQuantile, normalUpper } from './normal.js';
export {
  median,
  quantile,
  quantileSorted,
  quantiles,
  sortedSample,
  trimmedMean,
} from './quantile.js';
export { checkedSample, finiteValues, type Sample } from './sample.js';
export { type ShapiroWilkResult, shapiroWilk } from './shapiroWilk.js';
export {
  mean,
  type Summary,
  type SummaryOptions,
  standardDeviation,
  summary,
  variance,
} from './summary.js';
