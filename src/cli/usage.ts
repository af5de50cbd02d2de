/** The help text, kept in one place so that `--help` and usage errors never disagree. */

/** Printed by `--help`; also the reference for which options each command takes. */
export const USAGE = `Usage: zfxxgk <command> [options] FILE...

Parse 政府信息公开工作年度报告 (government information-disclosure annual reports)
into typed, checked data. FILE may be "-" to read standard input.

Commands:
  parse FILE...     print each Report as JSON, one per line (NDJSON) in argument order
  check FILE...     print diagnostics and failing checks as file:line:col lines
  summary FILE...   print a short human-readable summary of each report
  bulk --out DIR INPUT...
                    parse whole directories and archives (.zip, .tar, .tar.gz,
                    .tgz, .warc, .warc.gz; "-" reads a list of paths from stdin)
                    into a research panel: reports.jsonl, panel.csv, codebook.csv,
                    cells.csv, checks.csv, diagnostics.csv, reports.sqlite,
                    manifest.csv and summary.json in DIR
  help              print this help

Options:
  --pretty                      parse: indent the JSON with 2 spaces
  --severity error|warning|info check: lowest severity to print (default info)
  --codeframe                   check: show the source lines under each finding
  -o, --out DIR                 bulk: output directory (required)
  --format LIST                 bulk: outputs to write, comma-separated from reports,
                                panel, codebook, cells, checks, diagnostics, sqlite
                                (default all; manifest.csv and summary.json always)
  -j, --jobs N                  bulk: worker threads (default: available cores;
                                0 parses on the main thread)
  --resume                      bulk: continue an interrupted run in DIR
  --force                       bulk: write into a DIR that is not empty (an earlier
                                run's outputs there are overwritten); without it a
                                fresh run wants a new or empty DIR
  --shard K/N                   bulk: process only shard K of N (1 <= K <= N); the
                                N shards cover every record exactly once
  --max-member-size SIZE        bulk: largest member read (default 32M)
  --max-ratio R                 bulk: largest compression ratio of a member over 1 MiB
                                or a .gz stream over 16 MiB (default 200)
  --timeout SECONDS             bulk: longest parse of one member (default 120)
  -q, --quiet                   bulk: no progress and no summary (summary.json is
                                still written)
  -h, --help                    print this help
  -v, --version                 print the version

Exit status:
  0  success
  1  check: at least one error diagnostic
  2  usage error, or a file could not be read
  3  internal error (a bug in zfxxgk; please report it)
  130 bulk: interrupted (Ctrl-C) after a checkpoint; rerun with --resume
`;
