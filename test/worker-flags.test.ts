import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../src/logs/readers.js';

// Node refuses V8 heap flags in a worker's execArgv; a user running `node --max-old-space-size=400`
// (or NODE_OPTIONS) on a CSV large enough for the parsing worker got "internal error" instead of a report.
describe('flags handed to the CSV worker', () => {
  it('drops V8 heap, stack and GC flags and eval entry flags', () => {
    expect(workerExecArgv(['--max-old-space-size=300', '--max-semi-space-size', '16', '--stack-size=2000', '--expose-gc', '--input-type=module', '-e'])).toEqual([]);
  });
  it('keeps loader and other Node options', () => {
    expect(workerExecArgv(['--import', 'tsx', '--enable-source-maps', '--max-old-space-size=400', '--conditions=dev'])).toEqual(['--import', 'tsx', '--enable-source-maps', '--conditions=dev']);
  });
});
