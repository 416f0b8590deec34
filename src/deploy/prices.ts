/**
 * On-demand SageMaker prices, USD per instance-hour, for the instance types smpipe's specs and
 * tests use. Kept in the repository so plan and preflight can price a run offline; they are a
 * worst-case estimate, not a bill (no Savings Plans, spot discounts, storage or data transfer).
 *
 * Date: 2026-12-06. Source: the SageMaker pricing page's on-demand tables,
 * https://aws.amazon.com/sagemaker/pricing/ (training, processing, real-time inference), us-east-1.
 * How they were checked: this repository's build has no network to AWS's Price List API
 * (https://pricing.us-east-1.amazonaws.com), so every row was cross-checked against independent
 * public copies of the pricing tables instead (open-source tools that quote them, found by code
 * search): `agreeing` copies gave the number, `disagreeing` ones another (often another region or
 * an older price). Only ml.g5.48xlarge, ml.g5.xlarge and ml.m5.4xlarge have three or more copies and
 * no disagreement; the rest print with a `*` (unverified()): check them against the pricing page.
 * SageMaker prices training, processing and hosting separately; for the types below the copies give
 * one rate for all three, and so does this table.
 *
 * To refresh: `aws pricing get-products --service-code AmazonSageMaker --region us-east-1
 * --filters Type=TERM_MATCH,Field=instanceName,Value=ml.g5.48xlarge Type=TERM_MATCH,Field=regionCode,Value=us-east-1`
 * and update the rows and the date.
 */
export interface PriceRow {
  usdPerHour: number;
  /** Independent public copies that gave this number, and those that gave another one. */
  agreeing: number;
  disagreeing: number;
}

export const PRICES_DATE = '2026-12-06';
export const PRICES_SOURCE = 'https://aws.amazon.com/sagemaker/pricing/ (on-demand, us-east-1), cross-checked against public copies; see src/deploy/prices.ts';

const row = (usdPerHour: number, agreeing: number, disagreeing = 0): PriceRow => ({ usdPerHour, agreeing, disagreeing });

export const PRICES: Readonly<Record<string, Readonly<Record<string, PriceRow>>>> = {
  'us-east-1': {
    'ml.t3.medium': row(0.05, 2),
    'ml.m5.large': row(0.115, 2),
    'ml.m5.xlarge': row(0.23, 3, 1),
    'ml.m5.2xlarge': row(0.461, 3, 1),
    'ml.m5.4xlarge': row(0.922, 3),
    'ml.c5.xlarge': row(0.204, 2),
    'ml.g5.xlarge': row(1.408, 7),
    'ml.g5.2xlarge': row(1.515, 6, 2),
    'ml.g5.12xlarge': row(7.09, 7, 2),
    'ml.g5.48xlarge': row(20.36, 9),
    'ml.g6.12xlarge': row(5.752, 4, 3),
    'ml.p4d.24xlarge': row(37.688, 6, 2),
  },
};

/** Fewer than three copies agreed, or some gave another number: check it before trusting a total. */
export function unverified(price: PriceRow): boolean {
  return price.agreeing < 3 || price.disagreeing > 0;
}

/** The row for an instance type in a region, or undefined when the table has none. */
export function priceOf(region: string, type: string): PriceRow | undefined {
  return PRICES[region]?.[type];
}
