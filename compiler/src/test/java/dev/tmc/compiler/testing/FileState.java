// What the generator knows about the whole .tm file: the random source, the options, and the fns
// written so far (their declarations, and their signatures so a pipeline can call one again).
package dev.tmc.compiler.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

final class FileState {
    /**
     * A generated fn. {@code call} types a call for given arguments, or returns null when these
     * arguments do not fit it; fns are generic, but the generator only vouches for the argument
     * types and dims it wrote the body for.
     */
    interface UserFn {
        String name();

        PipelineState pipeline();

        List<Ty> argTypes();

        Val call(BodyGen g, List<Val> args);
    }

    final SplittableRandom rnd;
    final RandomPrograms.Options options;
    final List<String> fnDecls = new ArrayList<>();
    final List<UserFn> fns = new ArrayList<>();

    FileState(SplittableRandom rnd, RandomPrograms.Options options) {
        this.rnd = rnd;
        this.options = options;
    }

    private int fnCount;

    String freshFnName() {
        return "u" + fnCount++;
    }
}
