/**
 * The pieces under the round trip, each with its own property: cell texts read as the value
 * model.md § Values says, drifted labels normalise to their official label, heading lines
 * parse to their numbering and title.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeLabel } from "../../src/text/labels.js";
import { parseCellValue } from "../../src/text/value.js";
import { parse } from "../../src/parser/index.js";
import { cellTextArbitrary, headingArbitrary, labelArbitrary } from "../../src/testing/index.js";
import { check, TIMEOUT } from "./support.js";

describe("cells, labels and headings", () => {
  it(
    "every cell spelling reads as its value and kind",
    () => {
      check(
        fc.property(cellTextArbitrary(), (sample) => {
          const read = parseCellValue(sample.text);
          expect({ value: read.value, kind: read.kind }).toEqual({ value: sample.value, kind: sample.kind });
        }),
        1000,
      );
    },
    TIMEOUT,
  );

  it(
    "every drifted label normalises to its official label",
    () => {
      check(
        fc.property(labelArbitrary(), (sample) => {
          expect(normalizeLabel(sample.text)).toBe(normalizeLabel(sample.official));
        }),
        1000,
      );
    },
    TIMEOUT,
  );

  it(
    "every heading line parses to one heading with its ordinal and title",
    () => {
      check(
        fc.property(headingArbitrary(), (sample) => {
          const { tree } = parse(sample.text);
          const heading = tree.children[0];
          expect(tree.children).toHaveLength(1);
          expect(heading?.type).toBe("heading");
          if (heading?.type !== "heading") return;
          expect({ ordinal: heading.marker.ordinal, style: heading.marker.style, title: heading.value }).toEqual({
            ordinal: sample.ordinal,
            style: sample.style,
            title: sample.title,
          });
        }),
        500,
      );
    },
    TIMEOUT,
  );
});
