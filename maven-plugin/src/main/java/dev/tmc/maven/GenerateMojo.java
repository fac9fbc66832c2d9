// tmc:generate — compiles src/main/tm/**/*.tm into Java sources and resources under target/ and
// adds both to the build, so code in src/main/java can call the generated pipeline classes.
package dev.tmc.maven;

import dev.tmc.codegen.cuda.CudaToolchain;
import dev.tmc.codegen.java.Toolchains;
import dev.tmc.codegen.metal.MetalToolchain;
import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.source.SourceFiles;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;


import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {
    /** How many compiler errors the failure message repeats; all of them are in the log above it. */
    private static final int ERRORS_IN_MESSAGE = 10;

    /** The directory holding the .tm files. */
    @Parameter(property = "tmc.sourceDirectory", defaultValue = "${project.basedir}/src/main/tm")
    private File sourceDirectory;

    /** Ant-style patterns of the files to compile, relative to sourceDirectory; default {@code **}{@code /*.tm}. */
    @Parameter
    private List<String> includes;

    /** Ant-style patterns of files to leave out, relative to sourceDirectory. */
    @Parameter
    private List<String> excludes;

    /** Where the generated Java sources go; added as a compile source root. */
    @Parameter(property = "tmc.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/tmc")
    private File outputDirectory;

    /** Where the generated resources (plan manifests, kernels) go; added as a resource directory. */
    @Parameter(property = "tmc.resourceOutputDirectory",
            defaultValue = "${project.build.directory}/generated-resources/tmc")
    private File resourceOutputDirectory;

    /** The precision profile of files without a {@code precision} line: strict, balanced or fast. */
    @Parameter(property = "tmc.precision", defaultValue = "balanced")
    private String precision;

    /**
     * The targets to build kernels for: cpu, metal, cuda (default cpu and metal). With metal, the
     * .metallib is built where xcrun metal exists; with cuda, the .fatbin where nvcc does (PATH or
     * /usr/local/cuda/bin). Without the toolchain, one note, and the source ships alone.
     */
    @Parameter
    private List<String> targets;

    /** Skips the goal: nothing is compiled and no directory is added to the build. */
    @Parameter(property = "tmc.skip", defaultValue = "false")
    private boolean skip;

    /** Fails the build when a .tm file has warnings. */
    @Parameter(property = "tmc.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    /** Names this execution's state file, so that two executions in one project keep apart. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution execution;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("tmc: skipped (tmc.skip)");
            return;
        }
        CompilerSettings settings;
        Toolchains tools = Toolchains.detect();
        try {
            Set<Target> chosen = CompilerSettings.targets(targets);
            settings = new CompilerSettings(CompilerSettings.precision(precision), chosen, compilerVersion(),
                    CompilerSettings.binaries(chosen, tools));
        } catch (CompilerSettings.BadParameter e) {
            throw new MojoFailureException(e.getMessage());
        }
        GenerationSummary summary = generate(settings, tools);
        addToBuild();
        getLog().info(summary.logLine());
        if (!summary.errors().isEmpty()) {
            throw new MojoFailureException(failureMessage(summary.errors()));
        }
    }

    private GenerationSummary generate(CompilerSettings settings, Toolchains tools) throws MojoExecutionException {
        OutputTree tree = new OutputTree(outputDirectory.toPath(), resourceOutputDirectory.toPath());
        // What the last run produced, so that unchanged files are not compiled again.
        Path stateFile = Path.of(project.getBuild().getDirectory(), "tmc-maven-plugin",
                execution.getExecutionId() + ".state");
        IncrementalGenerator generator = new IncrementalGenerator(sourceDirectory.toPath(), tree,
                stateFile, settings, failOnWarning, new MavenDiagnostics(getLog()), tools);
        try {
            List<String> sources = new SourceSelection(orEmpty(includes), orEmpty(excludes))
                    .select(sourceDirectory.toPath());
            if (sources.isEmpty()) {
                getLog().info("tmc: no .tm files in " + sourceDirectory);
            }
            return generator.run(sources);
        } catch (IOException e) {
            throw new MojoExecutionException("tmc: " + describe(e), e);
        } catch (InternalCompilerError | MetalToolchain.CompileError | CudaToolchain.CompileError e) {
            // The kernels are tmc's own output: a compiler rejecting them is a tmc bug.
            throw new MojoExecutionException("tmc: internal compiler error: " + e.getMessage()
                    + " (please report this with the .tm file; run with -e for the stack trace)", e);
        }
    }

    private void addToBuild() {
        String java = outputDirectory.getAbsolutePath();
        if (!project.getCompileSourceRoots().contains(java)) {
            project.addCompileSourceRoot(java);
        }
        String resources = resourceOutputDirectory.getAbsolutePath();
        if (project.getResources().stream().noneMatch(r -> resources.equals(r.getDirectory()))) {
            Resource r = new Resource();
            r.setDirectory(resources);
            project.addResource(r);
        }
    }

    /** The compiler's own messages; Maven prints this after "Failed to execute goal ...". */
    private static String failureMessage(List<String> errors) {
        String shown = errors.stream().limit(ERRORS_IN_MESSAGE).collect(Collectors.joining("\n"));
        int more = errors.size() - ERRORS_IN_MESSAGE;
        return "tmc found " + errors.size() + (errors.size() == 1 ? " error" : " errors") + ":\n" + shown
                + (more > 0 ? "\n(and " + more + " more, above)" : "");
    }

    /**
     * The version of tmc doing the compiling. A snapshot's code changes under one version, so its
     * jars' sizes and times stand in for it: a rebuilt tmc recompiles everything.
     */
    private String compilerVersion() {
        StringBuilder out = new StringBuilder(plugin.getVersion());
        if (plugin.getVersion().endsWith("-SNAPSHOT")) {
            for (Artifact a : plugin.getArtifacts()) {
                File f = a.getFile();
                if (a.getGroupId().equals("dev.tmc") && f != null) {
                    out.append('/').append(a.getArtifactId()).append(':').append(f.length())
                            .append('@').append(f.lastModified());
                }
            }
        }
        return out.toString();
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemException && ((FileSystemException) e).getFile() != null) {
            String file = ((FileSystemException) e).getFile();
            return file + ": " + SourceFiles.reason(Path.of(file), e);
        }
        String message = e.getMessage();
        String what = e.getClass().getSimpleName().replaceAll("Exception$", "");
        return message == null ? what : what + ": " + message;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
