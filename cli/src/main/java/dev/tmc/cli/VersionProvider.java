// `tmc --version`: the project version from a Maven-filtered resource, which the classes
// directory and the shaded jar both carry (a manifest exists only in the jar).
package dev.tmc.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

final class VersionProvider implements IVersionProvider {
    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"tmc " + version()};
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the classpath", e);
        }
        String version = properties.getProperty("version");
        if (version == null || version.startsWith("${")) {
            // Unfiltered resources (a build outside Maven): fall back to the jar manifest.
            version = VersionProvider.class.getPackage().getImplementationVersion();
        }
        return version == null ? "(unknown version)" : version;
    }
}
