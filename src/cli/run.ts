// Process entry: every command registers itself, then main() runs and sets the exit code.
import { main } from './main.js';
import '../logs/command.js';
import '../learn/command.js';

process.exitCode = await main(process.argv);
