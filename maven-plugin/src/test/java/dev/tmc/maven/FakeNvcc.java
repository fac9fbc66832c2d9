// A stand-in for nvcc in a scratch folder: it "builds" a fatbin by writing "FATBIN:" and the .cu
// source to the -o file, so tests see which source became which binary without a CUDA install.
package dev.tmc.maven;

import dev.tmc.codegen.cuda.CudaToolchain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

final class FakeNvcc {
    static final String SCRIPT = "#!/bin/sh\n"
            + "while [ $# -gt 0 ]; do case \"$1\" in -o) out=\"$2\"; shift;; *.cu) src=\"$1\";; esac; shift; done\n"
            + "{ printf 'FATBIN:'; cat \"$src\"; } > \"$out\"\n";

    private FakeNvcc() {
    }

    static CudaToolchain toolchain() {
        try {
            Path dir = Files.createTempDirectory("fake-nvcc");
            Path nvcc = dir.resolve("nvcc");
            Files.writeString(nvcc, SCRIPT);
            Files.setPosixFilePermissions(nvcc, PosixFilePermissions.fromString("rwxr-xr-x"));
            nvcc.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return CudaToolchain.detect(dir.toString(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
