import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { formatOf } from './load-workflow';
import { UsageError } from './usage-error';

/**
 * The run's input from `--input '<json>'` or `--input-file <file>` (JSON, or YAML by
 * extension). Without either the input is `{}`, so expressions like `input.body.id` just
 * come out empty instead of failing on a missing input.
 */
export async function readRunInput(options: { input?: string; inputFile?: string }) {
  const { input, inputFile } = options;
  if (input !== undefined && inputFile !== undefined) {
    throw new UsageError('Use either --input or --input-file, not both');
  }
  if (input !== undefined) return parseJson(input, '--input');
  if (inputFile === undefined) return {};
  let text: string;
  try {
    text = await readFile(inputFile, 'utf8');
  } catch (err) {
    throw new UsageError(`--input-file: cannot read ${inputFile}: ${(err as Error).message}`);
  }
  if (formatOf(inputFile) !== 'yaml') return parseJson(text, `--input-file ${inputFile}`);
  try {
    return parseYaml(text) as unknown;
  } catch (err) {
    throw new UsageError(`--input-file ${inputFile}: not valid YAML: ${(err as Error).message}`);
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`${what}: not valid JSON: ${(err as Error).message}`);
  }
}

/** `--timeout 5000`: a positive whole number of milliseconds. */
export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new UsageError(`--timeout: expected a positive number of milliseconds, got "${value}"`);
  }
  return ms;
}
