// The registers under a folder, in a stable order: what both the floor and the read stage load.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function registerFiles(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) registerFiles(p, out);
    else if (/\.(xlsx|csv)$/i.test(name)) out.push(p);
  }
  return out;
}
