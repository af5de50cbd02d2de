/**
 * The 2021 template grid as model paths (docs/model.md), written out once for the tests and
 * independently of src/, so that tests compare the parser against the contract rather than
 * against its own tables.
 */

/** The applicant columns of 三, in table order; the last is 总计. */
export const COLUMNS = [
  "naturalPerson",
  "commercialEnterprise",
  "researchInstitution",
  "socialWelfareOrganization",
  "legalServiceAgency",
  "otherOrganization",
  "total",
] as const;

/** The six columns that add up to 总计. */
export const APPLICANT_COLUMNS = COLUMNS.slice(0, 6);

/** The 21 result rows of the 2021 template (sub-rows, not their groups), in order. */
export const RESULT_ROWS = [
  "results.granted",
  "results.partiallyGranted",
  "results.withheld.stateSecret",
  "results.withheld.prohibitedByLaw",
  "results.withheld.endangersSecurity",
  "results.withheld.thirdPartyRights",
  "results.withheld.internalAffairs",
  "results.withheld.processInformation",
  "results.withheld.enforcementFiles",
  "results.withheld.administrativeQuery",
  "results.unableToProvide.notHeld",
  "results.unableToProvide.needsCreation",
  "results.unableToProvide.unclear",
  "results.notProcessed.complaint",
  "results.notProcessed.repeated",
  "results.notProcessed.publication",
  "results.notProcessed.excessive",
  "results.notProcessed.confirmation",
  "results.otherHandling.overdueCorrection",
  "results.otherHandling.overdueFee",
  "results.otherHandling.other",
] as const;

/** Every applicant row of 三 in the 2021 template, in order (paths under `requests`). */
export const REQUEST_ROWS = ["newReceived", "carriedOver", ...RESULT_ROWS, "results.total", "carriedForward"] as const;
