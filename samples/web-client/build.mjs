// Builds dist/: app.js and app.css bundled from src/ by esbuild, index.html copied as is.
// `node build.mjs --watch` rebuilds on every change while developing.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');

const STATIC_FILES = ['index.html'];
const LOCALES = ['de', 'fr', 'it', 'pl', 'pt', 'es'];

// Every catalogue must have every English key with the same placeholders (and plural forms where English has
// them): a missing text would show in English, a missing placeholder would drop a name or a number.
async function checkCatalogues() {
  const placeholders = (message) => [...new Set(JSON.stringify(message).match(/\{\w+\}/g) ?? [])].sort().join(' ');
  const { default: en } = await import('./src/locales/en.js');
  const problems = [];
  for (const code of LOCALES) {
    const { default: messages } = await import(`./src/locales/${code}.js`);
    for (const key of Object.keys(en)) {
      if (!(key in messages)) problems.push(`${code}: missing ${key}`);
      else if (typeof en[key] === 'object' && (typeof messages[key] !== 'object' || !('other' in messages[key]))) problems.push(`${code}: ${key} needs plural forms`);
      else if (placeholders(messages[key]) !== placeholders(en[key])) problems.push(`${code}: ${key} has placeholders ${placeholders(messages[key])}, English has ${placeholders(en[key])}`);
    }
    for (const key of Object.keys(messages)) if (!(key in en)) problems.push(`${code}: ${key} is not an English key`);
  }
  if (problems.length) throw new Error(`Message catalogues are incomplete:\n  ${problems.join('\n  ')}`);
}

await checkCatalogues();

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await Promise.all(STATIC_FILES.map((file) => copyFile(join(root, file), join(dist, file))));

const options = {
  absWorkingDir: root,
  entryPoints: { app: 'src/main.js' },
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
  minify: !watch,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'info',
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
