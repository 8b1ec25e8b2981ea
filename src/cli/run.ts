// Process entry: every command registers itself, then main() runs and sets the exit code.
import { main } from './main.js';

process.exitCode = await main(process.argv);
