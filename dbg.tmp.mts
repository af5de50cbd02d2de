import { readFileSync, readdirSync } from "node:fs";
import { parseReport } from "./src/index.js";
import { LEGACY_COLUMNS, legacyValue } from "./src/bulk/legacy-columns.js";
for (const f of readdirSync("corpus/cases").filter((f) => f.startsWith("legacy") && f.endsWith(".txt"))) {
  const r = parseReport(readFileSync(`corpus/cases/${f}`));
  console.log(f, r.template, LEGACY_COLUMNS.map((c) => `${c.name.replace("legacy_", "")}=${legacyValue(r, c)}`).join(" "));
}
