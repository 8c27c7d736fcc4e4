// Generates the rule registry, so that adding a rule is adding its file (README "Contributing").
//
//   node scripts/gen-rules.js            src/rules/catalog.ts: every rule file of src/rules/, in the
//                                        order of the rules table of docs/SPEC.md §4 (npm run build
//                                        runs it first, as prebuild; npm ci runs the build)
//   node scripts/gen-rules.js --readme   also the rule tables of README.md and docs/*.md, between
//                                        the markers <!-- rules:start --> and <!-- rules:end -->, as
//                                        `tiendo rules --format md` prints them (from dist/: npm run gen
//                                        builds first)
//
// catalog.ts is not committed: it is rewritten on every build. What a rule file is, and the order:
// scripts/rules-catalog.js.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATALOG, catalogSource, pagesWithTable, ROOT, ruleFiles, update, withRulesTable } from './rules-catalog.js';

async function main() {
  const ids = ruleFiles();
  const wrote = update(CATALOG, catalogSource(ids));
  process.stderr.write(`src/rules/catalog.ts: ${ids.length} rules${wrote ? ', rewritten' : ', unchanged'}\n`);
  if (process.argv.includes('--readme')) {
    const dist = (p) => pathToFileURL(join(ROOT, 'dist', p)).href;
    const { RULES } = await import(dist('rules/index.js'));
    const { rulesMarkdown } = await import(dist('report/rules.js'));
    for (const page of pagesWithTable()) {
      const changed = update(page, withRulesTable(readFileSync(page, 'utf8'), rulesMarkdown(RULES)));
      process.stderr.write(`${relative(ROOT, page)}: the rule table${changed ? ' rewritten' : ' unchanged'}\n`);
    }
  }
}

main().catch((e) => {
  process.stderr.write(`gen-rules: ${e.message}\n`);
  process.exitCode = 1;
});
