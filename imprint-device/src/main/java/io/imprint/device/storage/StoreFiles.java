package io.imprint.device.storage;

import io.imprint.protocol.envelope.SecretItems;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The one-file-per-value layout that file-backed secure stores share: {@code <name><suffix>} in a directory. */
public final class StoreFiles {
    private StoreFiles() {
    }

    /** The valid value names stored in {@code directory} as files ending in {@code suffix}, sorted. */
    public static List<String> names(Path directory, String suffix) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + suffix)) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                String name = file.substring(0, file.length() - suffix.length());
                if (SecretItems.NAME.matcher(name).matches()) {
                    names.add(name);
                }
            }
        }
        Collections.sort(names);
        return names;
    }
}
