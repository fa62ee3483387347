package io.imprint.device.bundle;

import io.imprint.device.storage.SecureStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** TEST FIXTURE, not a hardware-backed store: one plain file per value in a temp directory. */
final class FixtureFileStore implements SecureStore {
    private final Path dir;

    FixtureFileStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public void put(String name, byte[] value) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.write(tmp, value);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public Optional<byte[]> get(String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
    }

    @Override
    public List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
    }

    @Override
    public String description() {
        return "test fixture: plain files (no hardware binding)";
    }
}
