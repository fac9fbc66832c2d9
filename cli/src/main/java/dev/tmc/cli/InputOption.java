// An --input NAME=PATH.npy or NAME=rand:SEED option: where a tensor parameter's values come from.
package dev.tmc.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

record InputOption(String name, Source source) {
    static final String FORM = "NAME=PATH.npy or NAME=rand:SEED";
    private static final String RANDOM_PREFIX = "rand:";

    /** Where the values come from. */
    sealed interface Source permits NpyFile, Random {
    }

    /** An .npy file; its values are converted to the parameter's dtype. */
    record NpyFile(String path) implements Source {
    }

    /** Values drawn from a generator seeded with {@code seed}; the shape comes from the dims. */
    record Random(long seed) implements Source {
    }

    static final class Converter implements ITypeConverter<InputOption> {
        @Override
        public InputOption convert(String text) {
            NameValue nv = NameValue.parse(text, FORM);
            if (!nv.value().startsWith(RANDOM_PREFIX)) {
                return new InputOption(nv.name(), new NpyFile(nv.value()));
            }
            String seed = nv.value().substring(RANDOM_PREFIX.length());
            try {
                return new InputOption(nv.name(), new Random(Long.parseLong(seed)));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + seed + "' in '" + text
                        + "' is not a seed; expected a whole number, as in " + nv.name() + "=rand:42");
            }
        }
    }
}
