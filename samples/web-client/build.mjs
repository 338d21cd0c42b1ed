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
