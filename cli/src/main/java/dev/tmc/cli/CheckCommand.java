// `tmc check FILE...`: parse and check each file, diagnostics to stderr; exit 1 on any error.
package dev.tmc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "check",
        description = {"Parse and type-check .tm files.",
                "Diagnostics go to stderr, then a summary line such as '2 errors, 1 warning'. "
                        + "Warnings alone do not fail the check."})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    private Tmc tmc;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .tm files to check.")
    private List<String> files;

    @Override
    public Integer call() {
        DiagnosticReport report = new DiagnosticReport(spec.commandLine().getErr());
        for (String file : files) {
            try {
                SourceLoader.lower(file, tmc.precision(), report);
            } catch (CliError e) {
                if (e.exitStatus() != ExitStatus.INPUT) {
                    throw e;
                }
                // An unreadable file is one more error; the other files are still checked.
                report.print(e);
            }
        }
        report.printSummary();
        return report.hasErrors() ? ExitStatus.INPUT : ExitStatus.OK;
    }
}
