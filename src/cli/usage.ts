/** The help text, kept in one place so that `--help` and usage errors never disagree. */

/** Printed by `--help`; also the reference for which options each command takes. */
export const USAGE = `Usage: zfxxgk <command> [options] FILE...

Parse 政府信息公开工作年度报告 (government information-disclosure annual reports)
into typed, checked data. FILE may be "-" to read standard input.

Commands:
  parse FILE...     print each Report as JSON, one per line (NDJSON) in argument order
  check FILE...     print diagnostics and failing checks as file:line:col lines
  summary FILE...   print a short human-readable summary of each report
  compare A B       two reports side by side: every value, the change, and the
                    cross-year identity (B's 上年结转 = A's 结转下年度继续办理)
  audit FILE... [-o OUT]
                    write a self-contained HTML page per report: the source beside
                    the official tables, every number linked to where it was read,
                    diagnostics and failing identities written out
  bulk --out DIR INPUT...
                    parse whole directories and archives (.zip, .tar, .tar.gz,
                    .tgz, .warc, .warc.gz; "-" reads a list of paths from stdin)
                    into a research panel: panel.csv, codebook.csv, checks.csv,
                    diagnostics.csv, reports.sqlite, manifest.csv and summary.json
                    in DIR (--full: reports.jsonl and cells.csv too)
  help              print this help

Options:
  --pretty                      parse: indent the JSON with 2 spaces
  --severity error|warning|info check: lowest severity to print (default info)
  --codeframe                   check: show the source lines under each finding
  -o, --out DIR                 bulk: output directory (required); audit: the page's
                                path (one FILE) or a folder (several)
  --format LIST                 bulk: outputs to write, comma-separated from reports,
                                panel, codebook, cells, checks, diagnostics, sqlite
                                (default all but reports and cells; manifest.csv and
                                summary.json always)
  --full                        bulk: the heavy outputs too: reports.jsonl, cells.csv,
                                every identity in checks.csv with its operand paths
  -j, --jobs N                  bulk: worker threads (default: available cores;
                                0 parses on the main thread)
  --resume                      bulk: continue an interrupted run in DIR
  --force                       bulk: write into a DIR that is not empty (an earlier
                                run's outputs there are overwritten); without it a
                                fresh run wants a new or empty DIR
  --keep-duplicates             bulk: keep every row of a duplicate group in panel.csv
  --audit DIR                   bulk: an audit page per report with an error or a
                                failing check, listed in summary.json
  --shard K/N                   bulk: process only shard K of N (1 <= K <= N); the
                                N shards cover every record exactly once
  --max-member-size SIZE        largest report file or member read (default 32M);
                                a larger FILE is an error (exit 2), a larger member
                                an error record (bulk)
  --max-ratio R                 bulk: largest compression ratio of a member over 1 MiB
                                or a .gz stream over 16 MiB (default 200)
  --timeout SECONDS             bulk: longest parse of one member (default 120)
  -q, --quiet                   bulk: no progress and no summary (summary.json is
                                still written)
  -h, --help                    print this help; after a command, that command's help
  -v, --version                 print the version

Exit status:
  0  success
  1  check: at least one error diagnostic
  2  usage error, or a file could not be read
  3  internal error (a bug in zfxxgk; please report it)
  130 bulk: interrupted (Ctrl-C) after a checkpoint; rerun with --resume
`;

const FILE_NOTE = `FILE may be "-" to read standard input. Files are read as bytes; the encoding
(UTF-8, GB18030/GBK, UTF-16, Big5, ...) and the form (plain text, Markdown, HTML) are detected.`;

const SIZE_OPTION = `  --max-member-size SIZE   largest FILE read (default 32M, e.g. 512k, 1G): a larger
                           one is not read and is reported (exit 2)`;

/**
 * Each command's own help (`zfxxgk parse --help`, `zfxxgk help bulk`): its synopsis, its
 * options and its exit statuses only, so that nobody has to read `bulk`'s options to learn
 * `check`'s.
 */
export const COMMAND_USAGE = {
  parse: `Usage: zfxxgk parse [--pretty] [--max-member-size SIZE] FILE...

Print each report as a JSON Report (see docs/model.md), one per line (NDJSON), in
argument order. ${FILE_NOTE}

Options:
  --pretty                 indent the JSON with 2 spaces
${SIZE_OPTION}

Exit status:
  0  every FILE was parsed
  2  usage error, or a FILE could not be read (the others are still printed)
  3  internal error (a bug in zfxxgk; please report it)
`,
  check: `Usage: zfxxgk check [--severity error|warning|info] [--codeframe] [--max-member-size SIZE] FILE...

Print every diagnostic and failing accounting identity as file:line:col lines, sorted,
then a count on stderr. ${FILE_NOTE}

Options:
  --severity LEVEL         lowest severity to print: error, warning or info (default info)
  --codeframe              show the source lines under each finding
${SIZE_OPTION}

Exit status:
  0  no error diagnostic
  1  at least one error diagnostic
  2  usage error, or a FILE could not be read
  3  internal error (a bug in zfxxgk; please report it)
`,
  summary: `Usage: zfxxgk summary [--max-member-size SIZE] FILE...

Print a short human-readable summary of each report: agency, year, template, the main
figures of each table, the accounting checks and the first diagnostics. ${FILE_NOTE}

Options:
${SIZE_OPTION}

Exit status:
  0  every FILE was summarised
  2  usage error, or a FILE could not be read
  3  internal error (a bug in zfxxgk; please report it)
`,
  audit: `Usage: zfxxgk audit [-o OUT] [--max-member-size SIZE] FILE...

Write an audit page per report: one self-contained HTML file (no network) showing the
source as the parser saw it beside the report's official tables (二, 三, 四). Click a
number on either side to see the other; every diagnostic and failing identity is listed
with the cells and source spans it concerns. ${FILE_NOTE}

Options:
  -o, --out OUT            with one FILE, the page's path; with several, a folder for
                           FILE.audit.html pages (default: beside each FILE; standard
                           input's page goes to standard output)
${SIZE_OPTION}

Exit status:
  0  every page was written
  2  usage error, or a FILE could not be read or a page written
  3  internal error (a bug in zfxxgk; please report it)
`,
  compare: `Usage: zfxxgk compare [--max-member-size SIZE] A B

Print two reports side by side — one agency's reports of two years, say: every value of
both, the change, and a note where either value is flagged (a diagnostic on its path or a
failing identity). Then the cross-year identity per applicant column: the later year's
上年结转 (carriedOver) equals the earlier year's 结转下年度继续办理 (carriedForward); a
column that disagrees is a misread or a misreport in one of the two years. ${FILE_NOTE}

Options:
${SIZE_OPTION}

Exit status:
  0  both were compared (whatever the identity says)
  2  usage error (not two files), or a FILE could not be read
  3  internal error (a bug in zfxxgk; please report it)
`,
  bulk: `Usage: zfxxgk bulk --out DIR [options] INPUT...

Parse whole directories and archives (.zip, .tar, .tar.gz, .tgz, .warc, .warc.gz, report
files; "-" reads a list of paths from stdin, one per line or NUL-separated) into a research
panel in DIR: panel.csv, codebook.csv, checks.csv (failing and incomplete identities),
diagnostics.csv, reports.sqlite, manifest.csv and summary.json — a few kB per report;
with --full also reports.jsonl, cells.csv and every identity with its operand paths.
See docs/bulk.md.

DIR is locked while a run writes it: a second run into it is refused. A fresh run wants a
new or empty DIR; one holding an earlier run needs --resume (continue it) or --force.

Options:
  -o, --out DIR            output directory (required)
  --format LIST            outputs to write, comma-separated from reports, panel,
                           codebook, cells, checks, diagnostics, sqlite (default all
                           but reports and cells; manifest.csv and summary.json always)
  --full                   the heavy outputs too (~40 times the bytes): every output by
                           default, checks.csv with every identity and its operand paths
  -j, --jobs N             worker threads (default: available cores; 0 parses on the
                           main thread)
  --resume                 continue an interrupted run in DIR (same inputs and options)
  --force                  write into a DIR that is not empty (an earlier run's outputs
                           there are overwritten)
  --keep-duplicates        keep every row of a duplicate group in panel.csv (same bytes,
                           or same agency and year; duplicates.csv lists them either way)
  --audit DIR              write DIR/<report_id>.audit.html for each report with an error
                           diagnostic or a failing check (see zfxxgk audit --help);
                           summary.json lists them
  --shard K/N              process only shard K of N (1 <= K <= N); the N shards cover
                           every record exactly once
  --max-member-size SIZE   largest member read (default 32M); larger ones are error records
  --max-ratio R            largest compression ratio of a member over 1 MiB or a .gz
                           stream over 16 MiB (default 200)
  --timeout SECONDS        longest parse of one member (default 120)
  -q, --quiet              no progress and no summary (summary.json is still written)

Exit status:
  0   complete (damaged members are records, see summary.json)
  2   usage error (bad option, missing input, DIR in use, not empty, a file, or an input)
  3   internal error (a bug in zfxxgk; please report it)
  130 interrupted (Ctrl-C) after a checkpoint; rerun with --resume
`,
} as const;
