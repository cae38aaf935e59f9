// The RFM segment map as marketers draw it: which segment each (R, F) cell belongs to, F = 5 on the
// top row, R = 1 on the left. The orders domain assigns segments by the same table (MARKETING.md;
// rfmSegmentOf in subgraphs/orders/src/rfm.ts); test/console-rfm.test.ts checks the two agree.
export const RFM_GRID: readonly (readonly string[])[] = [
  ['CANT_LOSE', 'CANT_LOSE', 'LOYAL', 'LOYAL', 'CHAMPIONS'],
  ['AT_RISK', 'AT_RISK', 'LOYAL', 'LOYAL', 'CHAMPIONS'],
  ['AT_RISK', 'AT_RISK', 'NEED_ATTENTION', 'POTENTIAL_LOYALIST', 'POTENTIAL_LOYALIST'],
  ['HIBERNATING', 'HIBERNATING', 'ABOUT_TO_SLEEP', 'POTENTIAL_LOYALIST', 'POTENTIAL_LOYALIST'],
  ['HIBERNATING', 'HIBERNATING', 'ABOUT_TO_SLEEP', 'PROMISING', 'NEW'],
];

/** The segment of an (R, F) cell, scores 1 to 5. */
export const segmentAt = (r: number, f: number): string => RFM_GRID[5 - f][r - 1];
