import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/**
 * Each benchmark writes one Markdown section; `npm run bench` (test/bench/run.ts) joins the
 * sections into test/bench/RESULTS.md. A table row names our figure, the alternative's figure
 * measured in the same run, and the ratio.
 */
export function writeSection(name: string, markdown: string): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${name}.md`), markdown.trimEnd() + '\n');
  process.stdout.write(markdown + '\n');
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
