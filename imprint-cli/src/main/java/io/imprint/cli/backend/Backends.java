package io.imprint.cli.backend;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The one selection point for {@code --backend} ({@code imprint device provision}, {@code imprint
 * demo}): the backends this build runs, and those named but not built yet (a one-line error).
 */
public final class Backends {
    /** The default: the emulated i.MX CAAM with manufacturing protection. */
    public static final String DEFAULT = CaamEmulatedBackend.NAME;
    /** Backends this build runs, the default first. Add a new backend's provider here. */
    private static final List<BackendProvider> BUILT = List.of(new CaamEmulatedBackend(),
            new io.imprint.cli.backend.pkcs11.Pkcs11Backend(), new Tpm2BackendProvider(), new OpteeBackend(),
            new UbootEmulatedBackend());
    /** Names reserved for backends that are planned but not in this build. */
    private static final List<String> PLANNED = List.of("uboot");

    private Backends() {
    }

    /** The backends this build runs. */
    public static List<BackendProvider> all() {
        return BUILT;
    }

    /** The names accepted by {@code --backend}, for help texts. */
    public static String names() {
        return String.join(", ", BUILT.stream().map(BackendProvider::name).toList());
    }

    /** The backend called {@code name}; an unknown or not-yet-built one is an {@link IllegalArgumentException} in one line. */
    public static BackendProvider select(String name) {
        Optional<BackendProvider> built = BUILT.stream().filter(b -> b.name().equals(name)).findFirst();
        if (built.isPresent()) {
            return built.get();
        }
        String printable = name == null ? "" : name.replaceAll("[^\\x20-\\x7E]", "?");
        if (PLANNED.contains(name)) {
            throw new IllegalArgumentException("backend '" + printable + "' is not built into this imprint yet "
                    + "(available: " + names() + ")");
        }
        throw new IllegalArgumentException("unknown backend '" + printable + "' (available: " + names() + ")");
    }

    /** picocli converter for {@code --backend}: the selection as a one-line parameter error. */
    public static final class Converter implements CommandLine.ITypeConverter<BackendProvider> {
        @Override
        public BackendProvider convert(String value) {
            try {
                return select(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
