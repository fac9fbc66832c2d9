// The table of bad programs: every case in resources/diagnostics/*.tm must report exactly the
// diagnostics written next to it (position and message), no more and no fewer.
package dev.tmc.compiler.diag;

import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.source.SourceSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class DiagnosticsTableTest {

    static List<DiagnosticCase> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(DiagnosticsTableTest.class.getResource("/diagnostics").toURI());
        List<DiagnosticCase> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tm")).sorted().toList()) {
                all.addAll(DiagnosticCase.parse(f.getFileName().toString(), Files.readString(f)));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedDiagnostics(DiagnosticCase c) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<Module> module = Frontend.lower(c.source(), Precision.BALANCED, diagnostics);
        List<Diagnostic> actual = diagnostics.all();

        List<DiagnosticCase.Expectation> missing = new ArrayList<>(c.expected());
        List<Diagnostic> unexpected = new ArrayList<>();
        for (Diagnostic d : actual) {
            Optional<DiagnosticCase.Expectation> match = missing.stream().filter(e -> matches(e, d)).findFirst();
            if (match.isPresent()) {
                missing.remove(match.get());
            } else {
                unexpected.add(d);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            fail(c + "\nexpected but not reported: " + missing + "\nreported but not expected:\n"
                    + DiagnosticRenderer.render(unexpected) + "\nall reported:\n" + DiagnosticRenderer.render(actual));
        }
        boolean errorsExpected = c.expected().stream().anyMatch(e -> e.severity() == Severity.ERROR);
        assertEquals(errorsExpected, module.isEmpty(), "a module comes back exactly when there is no error");
    }

    /** User errors always point into the user's file, never at nothing or into the prelude. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyDiagnosticPointsIntoTheUsersFile(DiagnosticCase c) {
        Diagnostics diagnostics = new Diagnostics();
        Frontend.lower(c.source(), Precision.BALANCED, diagnostics);
        for (Diagnostic d : diagnostics.all()) {
            assertInUserFile(d, c);
            d.notes().forEach(n -> assertInUserFile(n, c));
        }
    }

    private static void assertInUserFile(Diagnostic d, DiagnosticCase c) {
        SourceSpan span = d.span();
        assertFalse(span.isNone(), () -> c + ": no position for " + d.message());
        assertTrue(span.file() == c.source(), () -> c + ": " + d.headline() + " points into " + span.file());
    }

    @Test
    void theTableIsLarge() throws Exception {
        List<DiagnosticCase> all = cases();
        assertTrue(all.size() >= 60, "only " + all.size() + " cases");
        assertEquals(all.size(), all.stream().map(DiagnosticCase::toString).distinct().count(), "case names repeat");
    }

    private static boolean matches(DiagnosticCase.Expectation e, Diagnostic d) {
        return e.severity() == d.severity() && e.line() == d.span().line() && e.column() == d.span().column()
                && d.message().contains(e.message());
    }
}
