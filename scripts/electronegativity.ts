// @doyensec/electronegativity, run offline: its scan of a set of source folders, Google's CSP evaluator (the one the
// tool uses) over the policies the hosts actually send, and the comparison of what it finds with the findings a
// person has reviewed. The tool fetches its translations from the network on every run; this module gives it the
// English ones it ships instead, so an audit never leaves the machine.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface AuditFinding {
  /** The tool's check id, e.g. CONTEXT_ISOLATION_JS_CHECK; CSP_SERVED_POLICY for the evaluator's findings. */
  check: string;
  severity: string;
  confidence: string;
  /** Relative to the scanned root (e.g. main/index.ts), N/A for a global check, or the host for a CSP. */
  file: string;
  line: number;
  sample: string;
  description: string;
  /** The tool says a person must look at it (it cannot tell from the code alone). */
  manualReview: boolean;
}

export interface ScanResult {
  findings: AuditFinding[];
  /** Files the tool could not parse: their code was not checked. */
  parseErrors: { file: string; message: string }[];
  filesScanned: number;
  checksRun: number;
}

interface ToolIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
  severity: { name: string };
  confidence: { name: string };
  manualReview?: boolean;
}

interface ToolRunOptions {
  input: string;
  customScan: string[];
  excludeFromScan: string[];
  isRelative: boolean;
  electronVersionOverride: string;
}

type ToolRun = (options: ToolRunOptions) => Promise<{
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: ToolIssue[];
}>;

interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (
    csp: unknown,
    version: unknown,
  ) => { evaluate(): { severity: number; directive: string; value?: string; description: string }[] };
  Version: { CSP3: unknown };
  severities: Record<string, number>;
}

const toolRequire = createRequire(
  createRequire(import.meta.url).resolve('@doyensec/electronegativity/package.json'),
);
const TOOL_DIR = dirname(toolRequire.resolve('./package.json'));

/** Its network check: it downloads Electron's release list from GitHub. */
export const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** The file types the tool reads (its own list, in dist/util/file.js). */
const SCANNED = /\.(?:js|jsx|ts|tsx|html|htm)$/i;

/** Replaces the tool's translation loader (a download, then the bundled files) by the bundled English. */
function loadToolOffline(): ToolRun {
  const loaderPath = toolRequire.resolve('./dist/locales/i18n.js');
  const i18n = toolRequire('i18n') as {
    configure(options: Record<string, unknown>): void;
    setLocale(locale: string): void;
  };
  const offline = new Module(loaderPath);
  offline.filename = loaderPath;
  offline.loaded = true;
  offline.exports = async (): Promise<void> => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: join(TOOL_DIR, 'dist', 'locales'),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  toolRequire.cache[loaderPath] = offline;
  return toolRequire('./dist/runner.js') as ToolRun;
}

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter(
    (entry) => entry.isFile() && SCANNED.test(entry.name),
  ).length;
}

/**
 * Scans the given folders as one application (so a global check sees main and renderer together): each is copied
 * by its name into a temporary folder, and findings name files relative to it (e.g. main/index.ts).
 */
export async function scanSources(options: {
  sources: Readonly<Record<string, string>>;
  electronVersion: string;
}): Promise<ScanResult> {
  const root = mkdtempSync(join(tmpdir(), 'piket-electronegativity-'));
  try {
    for (const [name, dir] of Object.entries(options.sources))
      cpSync(dir, join(root, name), { recursive: true });
    const run = loadToolOffline();
    const result = await run({
      input: root,
      customScan: [],
      excludeFromScan: NETWORK_CHECKS,
      isRelative: true,
      electronVersionOverride: options.electronVersion,
    });
    return {
      findings: result.issues.map((issue) => ({
        check: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        file: issue.file.split('\\').join('/'),
        line: issue.location.line,
        sample: issue.sample ?? '',
        description: issue.description,
        manualReview: issue.manualReview === true,
      })),
      parseErrors: result.errors
        .filter((error) => !error.tolerable)
        .map(({ file, message }) => ({ file, message })),
      filesScanned: countFiles(root),
      checksRun: result.globalChecks + result.atomicChecks,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The findings of the tool's CSP evaluator for one policy, as sent by `host`. */
export function evaluateCsp(policy: string, host: string): AuditFinding[] {
  const csp = toolRequire('@doyensec/csp-evaluator') as CspEvaluatorModule;
  const names = new Map(Object.entries(csp.severities).map(([name, value]) => [value, name]));
  const findings = new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate();
  return findings.map((finding) => ({
    check: 'CSP_SERVED_POLICY',
    severity: names.get(finding.severity) ?? String(finding.severity),
    confidence: 'CERTAIN',
    file: host,
    line: 0,
    sample: `${finding.directive}${finding.value ? ` ${finding.value}` : ''}`,
    description: finding.description,
    manualReview: false,
  }));
}

/** A finding a person has looked at: which check, where, and why it needs no change. */
export interface ReviewedFinding {
  check: string;
  file: string;
  /** When set, only a finding whose sample contains this text. */
  sample?: string;
  why: string;
}

/** Each review covers one finding: a second window or call like a reviewed one needs a review of its own. */
export function reviewFindings(
  findings: readonly AuditFinding[],
  reviewed: readonly ReviewedFinding[],
): {
  reviewed: { finding: AuditFinding; why: string }[];
  unreviewed: AuditFinding[];
  /** Reviews that match nothing any more: the code changed, so the entry should go. */
  stale: ReviewedFinding[];
} {
  const matches = (review: ReviewedFinding, finding: AuditFinding): boolean =>
    review.check === finding.check &&
    review.file === finding.file &&
    (review.sample === undefined || finding.sample.includes(review.sample));
  const unused = [...reviewed];
  const result = {
    reviewed: [] as { finding: AuditFinding; why: string }[],
    unreviewed: [] as AuditFinding[],
  };
  for (const finding of findings) {
    const at = unused.findIndex((review) => matches(review, finding));
    const review = at >= 0 ? unused.splice(at, 1)[0] : undefined;
    if (review) result.reviewed.push({ finding, why: review.why });
    else result.unreviewed.push(finding);
  }
  return { ...result, stale: unused };
}
