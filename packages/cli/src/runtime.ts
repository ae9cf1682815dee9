/**
 * The Node.js lines ChartProof runs on. Node 20 reached end of life in April 2026, and a hospital's
 * security review refuses an unpatched runtime, so older lines are refused at start rather than
 * left to fail later on a missing API. The repository pins Node 24 LTS as a dev dependency (npm
 * scripts and `npx` put it first on PATH), so `npm start` and `npx chartproof` use it whatever the
 * system Node is.
 */
export const MIN_NODE = { major: 22, minor: 12 } as const;

/** Why this Node.js version cannot run ChartProof, or undefined when it can. */
export function runtimeProblem(version: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (m === null) return `cannot read the Node.js version ${JSON.stringify(version)}`;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major > MIN_NODE.major || (major === MIN_NODE.major && minor >= MIN_NODE.minor)) return undefined;
  return (
    `Node.js ${version.replace(/^v/, '')} is not supported (needs ${MIN_NODE.major}.${MIN_NODE.minor} or later; ` +
    'Node 24 LTS recommended): run it through npm (npm start, or npm exec -- node packages/cli/dist/main.js), which uses the Node 24 ' +
    'pinned in this repository, or install Node 24'
  );
}
