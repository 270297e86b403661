package com.customerhub.core.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * UTC system time plus an offset in milliseconds read from a file, so the local stack (whose
 * functions each have their own context) and tests can move every function's clock at once,
 * e.g. 25 hours ahead to see a service window close. The (tiny) file is read at every call: this
 * clock exists only locally and in tests, where simplicity beats a cache that could miss a move.
 */
public final class OffsetFileClock extends Clock {
    public static final String PROPERTY = "clock.offset-file";

    private final Path file;

    public OffsetFileClock(Path file) {
        this.file = file;
    }

    /** Moves every clock reading this file to now + offset. */
    public static void write(Path file, Duration offset) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, Long.toString(offset.toMillis()));
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offset());
    }

    private long offset() {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application clock is UTC");
    }
}
