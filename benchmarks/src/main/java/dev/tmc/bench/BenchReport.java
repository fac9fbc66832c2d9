// results.md and results.png: the tables of each size group, the compile timing, and the
// circumstances of the run (date, machine, JVM, arguments), so that every number is traceable.
package dev.tmc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

record BenchReport(List<Group> groups, Optional<CompileTiming.Result> compile, String arguments, Path out) {

    /** The workloads of one size group ("large", "small", "tiny"). */
    record Group(String size, List<WorkloadResult> rows) {
    }

    Path markdownFile() {
        return out.resolve("results.md");
    }

    Path chartFile() {
        return out.resolve("results.png");
    }

    void write() throws IOException {
        Files.createDirectories(out);
        Files.writeString(markdownFile(), markdown());
        ResultsChart.write(groups, "tmc CPU backend vs copy floor (" + Machine.describeShort() + ")", chartFile());
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# tmc benchmark results\n\n");
        md.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        md.append("- machine: ").append(Machine.describe()).append('\n');
        md.append("- arguments: `").append(arguments.isEmpty() ? "(defaults)" : arguments).append("`\n\n");
        md.append(ResultsTable.LEGEND).append('\n');
        for (Group g : groups) {
            md.append("## ").append(g.size()).append(" sizes\n\n");
            md.append(ResultsTable.markdown(g.rows())).append('\n');
            md.append("<details><summary>spread and methods</summary>\n\n");
            md.append(ResultsTable.details(g.rows())).append("\n</details>\n\n");
        }
        compile.ifPresent(c -> {
            md.append("## compiling the examples\n\n");
            md.append("`").append(c.command()).append("` compiles ").append(c.files())
                    .append(" .tm files to Java, the plan manifest and MSL, and writes them; timed in ")
                    .append(c.wall().repetitions()).append(" fresh JVMs.\n\n");
            md.append("| files | wall time, JVM start included (median) | min–max | inside main (median) |\n");
            md.append("|---:|---:|---|---:|\n");
            md.append("| ").append(c.files()).append(" | ").append(Format.time(c.wall().medianNanos()))
                    .append(" | ").append(Format.time(c.wall().minNanos())).append(" – ")
                    .append(Format.time(c.wall().maxNanos())).append(" | ")
                    .append(Format.time(c.inProcess().medianNanos())).append(" |\n");
        });
        return md.toString();
    }
}
