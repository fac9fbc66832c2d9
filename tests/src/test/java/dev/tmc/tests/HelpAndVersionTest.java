// --help and --version on the top command and on every subcommand: stdout, exit 0.
package dev.tmc.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.tmc.tests.Cli.tmc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpAndVersionTest {
    /** The project version, passed in by surefire so that this test follows the pom. */
    private static final String VERSION = System.getProperty("tmc.version", "0.1.0-SNAPSHOT");

    @ParameterizedTest
    @ValueSource(strings = {"", "check", "run", "explain"})
    void versionOnEveryCommand(String command) {
        Cli.Result r = command.isEmpty() ? tmc("--version") : tmc(command, "--version");
        r.expect(0);
        assertEquals("tmc " + VERSION + "\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void topLevelHelpListsCommandsAndExitStatuses() {
        Cli.Result r = tmc("--help").expect(0);
        String out = r.out();
        assertTrue(out.startsWith("Usage: tmc [-hV] [--precision=PROFILE] [COMMAND]\n"), out);
        for (String expected : new String[] {"  check ", "  run ", "  explain ", "Exit status:", "  2   bad usage"}) {
            assertTrue(out.contains(expected), expected);
        }
        assertEquals("", r.err());
    }

    @Test
    void runHelpDescribesEveryOption() {
        String out = tmc("run", "-h").expect(0).out();
        assertTrue(out.startsWith("Usage: tmc run "), out);
        for (String option : new String[] {"--pipeline=NAME", "--input=NAME=SOURCE", "--arg=NAME=VALUE",
                "--dim=NAME=SIZE", "--output-dir=DIR", "--device=DEVICE", "--print", "--precision=PROFILE"}) {
            assertTrue(out.contains(option), option);
        }
    }

    @Test
    void helpCommandShowsACommandsHelp() {
        assertEquals(tmc("run", "--help").out(), tmc("help", "run").expect(0).out());
    }

    @Test
    void checkAndExplainHelp() {
        assertTrue(tmc("check", "--help").expect(0).out().startsWith("Usage: tmc check "));
        assertTrue(tmc("explain", "--help").expect(0).out().contains("--format=FORMAT"));
    }
}
