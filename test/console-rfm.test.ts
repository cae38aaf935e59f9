import { describe, expect, it } from 'vitest';
import { segmentAt } from '../console/src/rfm.js';
import { rfmSegmentOf } from '../subgraphs/orders/src/rfm.js';

describe("the console's RFM grid", () => {
  it('places every (R, F) cell in the segment the orders domain assigns it', () => {
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++) expect(segmentAt(r, f), `R${r} F${f}`).toBe(rfmSegmentOf(r, f));
  });
});
