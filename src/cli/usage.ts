/** The help text, kept in one place so that `--help` and usage errors never disagree. */

/** Printed by `--help`; also the reference for which options each command takes. */
export const USAGE = `Usage: zfxxgk <command> [options] FILE...

Parse 政府信息公开工作年度报告 (government information-disclosure annual reports)
into typed, checked data. FILE may be "-" to read standard input.

Commands:
  parse FILE...     print each Report as JSON, one per line (NDJSON) in argument order
  check FILE...     print diagnostics and failing checks as file:line:col lines
  summary FILE...   print a short human-readable summary of each report
  help              print this help

Options:
  --pretty                      parse: indent the JSON with 2 spaces
  --severity error|warning|info check: lowest severity to print (default info)
  --codeframe                   check: show the source lines under each finding
  -h, --help                    print this help
  -v, --version                 print the version

Exit status:
  0  success
  1  check: at least one error diagnostic
  2  usage error, or a file could not be read
  3  internal error (a bug in zfxxgk; please report it)
`;
