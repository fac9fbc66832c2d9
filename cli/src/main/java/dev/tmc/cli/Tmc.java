// The `tmc` command: global options, the subcommands, and the mapping of every outcome to an exit status.
package dev.tmc.cli;

import dev.tmc.compiler.ir.graph.Precision;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "tmc",
        // INHERIT: --help, --version and --precision work on every subcommand too.
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = VersionProvider.class,
        description = "Ahead-of-time compiler for tensor pipelines.",
        subcommands = {CheckCommand.class, CompileCommand.class, RunCommand.class, ExplainCommand.class,
            HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:errors in the input: diagnostics, unreadable files, bad .npy, inputs that do not fit, "
                    + "unwritable output",
            "2:bad usage: options, pipeline, parameter or dim names, value syntax; --device cpu on a Java "
                    + "runtime without a compiler (a JRE)",
            "3:internal error in tmc (set TMC_DEBUG=1 for a stack trace)"})
public final class Tmc implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--precision", paramLabel = "PROFILE", scope = ScopeType.INHERIT,
            converter = PrecisionConverter.class, defaultValue = "balanced",
            description = "strict, balanced or fast: the profile of files and pipelines that do not name one. "
                    + "Default: ${DEFAULT-VALUE}.")
    private Precision precision;

    Precision precision() {
        return precision;
    }

    /** `tmc` alone: the usage, as for any other incomplete command line. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: missing command");
        spec.commandLine().usage(err);
        return ExitStatus.USAGE;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out);
        PrintWriter err = new PrintWriter(System.err);
        System.exit(run(args, out, err));
    }

    /** Runs a command line in this process, as `tmc ARGS` would; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}, reading TMC_DEBUG from {@code environment}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        Failures failures = new Failures(err, "1".equals(environment.get("TMC_DEBUG")));
        try {
            CommandLine commandLine = new CommandLine(new Tmc())
                    .setOut(out)
                    .setErr(err)
                    // Help text is part of the contract: no colours, whatever the terminal.
                    .setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF))
                    .setParameterExceptionHandler(Tmc::usageError)
                    .setExecutionExceptionHandler((e, command, parseResult) -> failures.report(e));
            return commandLine.execute(args);
        } catch (Throwable t) {
            // picocli lets Errors (and its own failures) through; they still get one line, not a trace.
            return failures.report(t);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + message(e));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitStatus.USAGE;
    }

    /** picocli's words, except for a mistyped command, which it would call an unmatched argument. */
    private static String message(ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        if (e instanceof UnmatchedArgumentException unmatched && !spec.subcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'; the commands are "
                    + String.join(", ", spec.subcommands().keySet());
        }
        return e.getMessage();
    }
}
