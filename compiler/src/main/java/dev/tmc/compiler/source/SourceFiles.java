// Reads .tm files from disk for every front door (the CLI, the Maven plugin), with the reason for a
// failure in words rather than an exception's class name.
package dev.tmc.compiler.source;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

public final class SourceFiles {
    private SourceFiles() {
    }

    /** A .tm file that cannot be read; the message is {@code cannot read NAME: reason}. */
    public static final class UnreadableSource extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreadableSource(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The UTF-8 text of {@code path}, named {@code name} in diagnostics (the path as the user spelled
     * it, or an absolute path that IDEs can link).
     */
    public static SourceFile read(Path path, String name) throws UnreadableSource {
        if (Files.isDirectory(path)) {
            throw new UnreadableSource("cannot read " + name + ": is a directory");
        }
        try {
            return new SourceFile(name, Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UnreadableSource("cannot read " + name + ": " + reason(path, e));
        }
    }

    /** Why an I/O operation on {@code file} failed, in words: "no such file or directory", ... */
    public static String reason(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "exists and is not a directory"; // what creating a directory there found
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (Files.isDirectory(file)) {
            return "is a directory";
        }
        // Other IOExceptions carry the OS's words (e.g. "Not a directory"); the path is already said.
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
