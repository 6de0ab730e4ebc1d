/**
 * Fails when a publishable package's (or published app's) src/ changed since the merge base with the main branch and no
 * changeset added or edited since then names that package, and when any changeset names both a package
 * ignored by .changeset/config.json and a released one (`changeset version` refuses those).
 *
 * Base: $CHANGESET_BASE if set, else the first of origin/main, main that exists. With no base, or
 * when HEAD is the base itself (a clean clone of main, as on CI), there is nothing to compare and the
 * check passes with a note: it guards branches before they are merged (run `pnpm changeset:check`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { publishableApps, publishablePackages, ROOT } from './lib/packages.js';

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** Package names in a changeset's front matter. */
function namedIn(file: string): string[] {
  const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  return [...front.matchAll(/^\s*["']?([^"':]+)["']?\s*:/gm)].map((m) => m[1].trim());
}

// `changeset version` refuses a changeset naming both an ignored package and a released one: check every
// changeset (not only this branch's), since a merge can bring such a file in.
const changesetDir = join(ROOT, '.changeset');
const ignored = new Set<string>(
  JSON.parse(readFileSync(join(changesetDir, 'config.json'), 'utf8')).ignore ?? [],
);
const mixed = readdirSync(changesetDir)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .filter((f) => {
    const names = namedIn(join(changesetDir, f));
    return names.some((n) => ignored.has(n)) && names.some((n) => !ignored.has(n));
  });
if (mixed.length) {
  console.error(
    `changeset check: ${mixed.join(', ')} name both an ignored package (${[...ignored].join(', ')}) and released ones; split them (changeset version refuses mixed changesets)`,
  );
  process.exit(1);
}

const candidates = process.env.CHANGESET_BASE ? [process.env.CHANGESET_BASE] : ['origin/main', 'main'];
const base = candidates.find((ref) => git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]));
const head = git(['rev-parse', 'HEAD']);
const mergeBase = base && head ? git(['merge-base', base, 'HEAD']) : undefined;

if (!mergeBase) {
  console.log(`changeset check: no base branch (${candidates.join(', ')}) in this clone; nothing to compare`);
  process.exit(0);
}
// Committed and uncommitted changes since the merge base, plus untracked files.
const changed = new Set(
  [
    ...(git(['diff', '--name-only', mergeBase]) ?? '').split('\n'),
    ...(git(['ls-files', '--others', '--exclude-standard']) ?? '').split('\n'),
  ].filter(Boolean),
);
if (mergeBase === head && changed.size === 0) {
  console.log(`changeset check: HEAD is ${base}; nothing to compare`);
  process.exit(0);
}

const named = new Set<string>();
for (const f of changed) {
  if (!/^\.changeset\/[^/]+\.md$/.test(f) || f.endsWith('README.md') || !existsSync(join(ROOT, f))) continue;
  for (const n of namedIn(join(ROOT, f))) named.add(n);
}

const missing = [...publishablePackages(), ...publishableApps()]
  .filter((p) => [...changed].some((f) => f.startsWith(`${relative(ROOT, p.path)}/src/`)))
  .filter((p) => !named.has(p.manifest.name))
  .map((p) => p.manifest.name);

if (missing.length) {
  console.error(
    `changeset check: src changed since ${base} without a changeset for ${missing.join(', ')}; run \`pnpm changeset\``,
  );
  process.exit(1);
}
console.log(`changeset check: every package changed since ${base} has a changeset`);
