package com.customerhub.localaws;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the sqlite4java native library DynamoDB Local needs when {@code sqlite4java.library.path}
 * is not set: the build copies it to {@code target/native-libs} of the module that runs.
 */
final class NativeLibraries {
    private static final String PROPERTY = "sqlite4java.library.path";

    private NativeLibraries() {
    }

    static void ensureSqlite4java() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return;
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate : new Path[]{dir.resolve("target/native-libs"), dir.resolve("infrastructure/local/target/native-libs")}) {
            if (Files.isDirectory(candidate)) {
                System.setProperty(PROPERTY, candidate.toString());
                return;
            }
        }
        throw new IllegalStateException("sqlite4java natives not found: set -D" + PROPERTY
                + " or run the build (it copies them to target/native-libs)");
    }
}
