/**
 * Runs the CLI (dist/cli/run.js) with the same arguments and, on exit,
 * prints the whole process's peak RSS in KiB to stderr — the benchmark's
 * fallback when /usr/bin/time is not installed. Worker threads share the
 * process, so their memory is included.
 */
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
await import('../cli/run.js');
