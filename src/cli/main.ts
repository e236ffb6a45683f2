// Command-line entry: runs the program and turns every error into an exit code.
import { CommanderError } from 'commander';
import { EXIT, OptionError, UsageError } from '../errors.js';
import { guardStandardStreams, stdoutWriteFailure } from '../engine/stop.js';
import { explainWriteError } from '../sources/output.js';
import { escapeTerminal } from '../report/escape.js';
import { TOOL_VERSION } from '../report/model/build.js';
import { findConfig, loadConfig } from './config.js';
import { versionReport } from './help.js';
import { buildProgram } from './program.js';

export { buildProgram } from './program.js';

/** `--version --verbose` (and nothing else): versions and the rule-pack hash in use here. */
function isVerboseVersion(args: string[]): boolean {
  return args.length === 2 && args.some((a) => a === '--version' || a === '-V') && args.some((a) => a === '--verbose' || a === '-v');
}

export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`| head`) is not an error, and changes no exit code.
  guardStandardStreams();
  const { program, outcome } = buildProgram(argv);
  try {
    if (isVerboseVersion(argv.slice(2))) {
      const configFile = findConfig();
      const packs = configFile ? (loadConfig(configFile).values.rules as string[] | undefined) ?? [] : [];
      process.stdout.write(versionReport(TOOL_VERSION, (await import('../rules/load.js')).loadRuleSet(packs).hash, configFile));
      return EXIT.OK;
    }
    await program.parseAsync(argv);
    const failure = await stdoutWriteFailure();
    if (failure) {
      process.stderr.write(`tenderscan: cannot write the report: ${explainWriteError(failure)}\n`);
      return EXIT.USAGE;
    }
    return outcome().exitCode;
  } catch (err) {
    const { debug } = outcome();
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (err instanceof OptionError) {
      const command = argv[2] && program.commands.some((c) => c.name() === argv[2]) ? `tenderscan ${argv[2]}` : 'tenderscan';
      process.stderr.write(`tenderscan: ${err.message}; see '${command} --help'\n`);
      return EXIT.USAGE;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`tenderscan: ${escapeTerminal(err.message)}\n`);
      return EXIT.USAGE;
    }
    process.stderr.write(`tenderscan: unexpected error: ${escapeTerminal(String((err as Error)?.message ?? err))}\n`);
    if (debug) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    return EXIT.USAGE;
  }
}
