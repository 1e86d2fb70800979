import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Reads a JSON file; unreadable or not JSON is a mistake of that file, listed with the others. */
export function readJsonFile(file: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    return { ok: false, message: `cannot read ${resolve(file)} (${why})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * Reads the documents of JSON files that hold one document or a list of them (programs, rewards):
 * each named by its file (`a.json`, or `a.json[2]` in a list), and every unreadable file as a
 * `file: message` line, so an import can list all its mistakes at once.
 */
export function readJsonDocuments(files: readonly string[]): {
  documents: { source: string; value: unknown }[];
  unreadable: string[];
} {
  const documents: { source: string; value: unknown }[] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    const r = readJsonFile(file);
    if (!r.ok) unreadable.push(`${file}: ${r.message}`);
    else if (Array.isArray(r.value))
      r.value.forEach((value, i) => documents.push({ source: `${file}[${i}]`, value }));
    else documents.push({ source: file, value: r.value });
  }
  return { documents, unreadable };
}
