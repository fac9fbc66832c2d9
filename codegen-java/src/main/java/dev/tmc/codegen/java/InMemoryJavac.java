// Compiles generated Java sources in memory with the JDK's compiler (javax.tools) and loads the
// classes: how `tmc run --device cpu` and the tests run printed kernels without files or a build.
package dev.tmc.codegen.java;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

public final class InMemoryJavac {
    /** -Xlint:all with warnings as errors: generated code must compile without a single warning. */
    public static final List<String> STRICT = List.of("-Xlint:all", "-Werror", "--release", "17");

    private InMemoryJavac() {
    }

    /**
     * @param loader      loads the compiled classes (children of the loader that loaded the runtime)
     * @param diagnostics javac's errors and warnings, one per entry, with file and line
     */
    public record Result(boolean success, ClassLoader loader, List<String> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }

        /** The class named {@code binaryName}, e.g. {@code com.acme.QuickstartCpuKernels}. */
        public Class<?> load(String binaryName) {
            try {
                return Class.forName(binaryName, true, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(binaryName + " was not compiled", e);
            }
        }
    }

    /** Thrown when this JVM has no Java compiler: a JRE rather than a JDK. */
    public static final class NoCompilerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoCompilerException() {
            super("this Java runtime has no Java compiler (javax.tools): run tmc with a JDK, not a JRE (java.home is "
                    + System.getProperty("java.home") + ")");
        }
    }

    /**
     * Compiles {@code sources} (fully qualified class name to source text) against {@code classPath}
     * plus the runtime's classes.
     */
    public static Result compile(Map<String, String> sources, List<String> options, List<Path> classPath) {
        return compile(sources, Map.of(), options, classPath);
    }

    /**
     * As {@link #compile(Map, List, List)}, with {@code resources} (path such as
     * {@code com/acme/quickstart.tmplan.json} to text) that the loaded classes find next to them.
     */
    public static Result compile(Map<String, String> sources, Map<String, String> resources, List<String> options,
                                 List<Path> classPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new NoCompilerException();
        }
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8);
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new Source(name, text)));
        List<String> all = new ArrayList<>(options);
        all.add("-classpath");
        all.add(classPath(classPath));
        all.add("-proc:none");
        boolean ok;
        try (JavaFileManager files = new Memory(standard, classes)) {
            ok = javac.getTask(null, files, collector, all, null, units).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> messages = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
            String where = d.getSource() == null ? "" : d.getSource().getName().replaceFirst("^/", "") + ":"
                    + d.getLineNumber() + ": ";
            messages.add(where + d.getKind().toString().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT));
        }
        ClassLoader parent = InMemoryJavac.class.getClassLoader();
        return new Result(ok, new Loader(parent, classes, resources), messages);
    }

    /** The runtime's location first, then {@code extra}; entries that do not exist are left out. */
    private static String classPath(List<Path> extra) {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(location(dev.tmc.runtime.cpu.CpuKernelLibrary.class));
        for (Path p : extra) {
            entries.add(p.toString());
        }
        entries.removeIf(e -> !Files.exists(Path.of(e))); // -Xlint:path would warn about them
        return String.join(File.pathSeparator, entries);
    }

    /** The jar or directory a class was loaded from. */
    public static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Keeps class files in memory; everything else goes to the standard manager. */
    private static final class Memory extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> classes;

        Memory(StandardJavaFileManager standard, Map<String, ByteArrayOutputStream> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            if (location != StandardLocation.CLASS_OUTPUT) {
                throw new IllegalArgumentException("unexpected output to " + location);
            }
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    classes.put(className, bytes);
                    return bytes;
                }
            };
        }
    }

    private static final class Loader extends ClassLoader {
        private final Map<String, ByteArrayOutputStream> classes;
        private final Map<String, String> resources;

        Loader(ClassLoader parent, Map<String, ByteArrayOutputStream> classes, Map<String, String> resources) {
            super(parent);
            this.classes = classes;
            this.resources = Map.copyOf(resources);
        }

        /** Class.getResourceAsStream of a class in the unnamed module asks its loader this. */
        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            String text = resources.get(name);
            return text != null ? new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))
                    : super.getResourceAsStream(name);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            ByteArrayOutputStream bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] b = bytes.toByteArray();
            return defineClass(name, b, 0, b.length);
        }
    }
}
