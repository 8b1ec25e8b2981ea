/**
 * JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure
 * Pipelines…). Shape:
 *
 *   testsuites                      the run
 *     testsuite  per campaign       name = campaign id, file = its source
 *       testcase "score"            fails when the campaign scores under --fail-under
 *       testcase  per rule          fails when the rule found an error or a warning:
 *         failure                   one per testcase (readers show only one), listing
 *                                   every finding of that rule as file:line:col lines
 *
 * A rule with only info findings passes and lists them in <system-out>; one
 * whose findings were all suppressed is <skipped> with the reasons. Rules
 * come from `report.rules` (else the rules that fired). No timestamps.
 */
import type { Formatter } from './types.js';
import type { Report, CampaignReport } from '../report/report.js';
import type { Finding } from '../types.js';

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates) are dropped. */
function clean(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

export function xmlText(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttr(s: string | number): string {
  return xmlText(String(s)).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(v!)}"`)
    .join('');
}

function findingLine(f: Finding): string {
  const where = f.row !== undefined ? `${f.file} row ${f.row}` : `${f.file}:${f.line}:${f.column}`;
  return `${where} [${f.severity}] ${f.message}${f.advice ? `\n    → ${f.advice}` : ''}`;
}

interface Case {
  xml: string;
  failed: boolean;
  skipped: boolean;
}

function ruleCase(c: CampaignReport, ruleId: string): Case {
  const found = c.findings.filter((f) => f.ruleId === ruleId);
  const failing = found.filter((f) => f.severity !== 'info');
  const notes = found.filter((f) => f.severity === 'info');
  const suppressed = c.suppressed.filter((f) => f.ruleId === ruleId);
  const first = failing[0] ?? notes[0];
  const head = `    <testcase${attrs({ classname: `scrm-audit.${c.id}`, name: ruleId, file: c.source, line: first?.line ?? c.line, time: '0' })}`;
  const body: string[] = [];
  if (failing.length) {
    const worst = failing.some((f) => f.severity === 'error') ? 'error' : 'warning';
    body.push(`      <failure${attrs({ message: failing[0]!.message, type: worst })}>${xmlText(failing.map(findingLine).join('\n'))}</failure>`);
  } else if (!notes.length && suppressed.length) {
    body.push(`      <skipped${attrs({ message: `suppressed: ${[...new Set(suppressed.map((f) => f.reason))].join('; ')}` })}/>`);
  }
  const out = [...notes.map(findingLine), ...suppressed.map((f) => `suppressed ${f.file}:${f.line}:${f.column}: ${f.reason}`)];
  if (out.length && (failing.length || notes.length)) body.push(`      <system-out>${xmlText(out.join('\n'))}</system-out>`);
  return { xml: body.length ? `${head}>\n${body.join('\n')}\n    </testcase>` : `${head}/>`, failed: failing.length > 0, skipped: !failing.length && !notes.length && suppressed.length > 0 };
}

export const junit: Formatter = (report: Report) => {
  const failUnder = report.summary.failUnder;
  const known = report.rules?.map((r) => r.id);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const c of report.campaigns) {
    const ids = [...new Set([...(known ?? []), ...c.findings.map((f) => f.ruleId), ...c.suppressed.map((f) => f.ruleId)])].sort();
    const scoreFailed = c.score < failUnder;
    const cases: Case[] = [
      {
        xml: `    <testcase${attrs({ classname: `scrm-audit.${c.id}`, name: 'score', file: c.source, line: c.line, time: '0' })}${
          scoreFailed ? `>\n      <failure${attrs({ message: `score ${c.score} (${c.grade}) is under ${failUnder}`, type: 'score' })}/>\n    </testcase>` : '/>'
        }`,
        failed: scoreFailed,
        skipped: false,
      },
      ...ids.map((id) => ruleCase(c, id)),
    ];
    const f = cases.filter((x) => x.failed).length;
    const s = cases.filter((x) => x.skipped).length;
    tests += cases.length;
    failures += f;
    skipped += s;
    suites.push(
      [
        `  <testsuite${attrs({ name: c.name ? `${c.id} ${c.name}` : c.id, tests: cases.length, failures: f, errors: 0, skipped: s, time: '0', file: c.source })}>`,
        '    <properties>',
        ...(
          [
            ['channel', c.channel],
            ['score', c.score],
            ['grade', c.grade],
            ['snr', c.snr],
            ['intrusiveness', c.intrusiveness],
          ] as Array<[string, string | number]>
        ).map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`),
        '    </properties>',
        ...cases.map((x) => x.xml),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'scrm-audit', tests, failures, errors: 0, skipped, time: '0' })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};
