package com.customerhub.core.time;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;

/** The one clock of the application; tests and the local stack may move it (see {@link OffsetFileClock}). */
@Factory
public class ClockFactory {
    @Singleton
    @Requires(missingProperty = OffsetFileClock.PROPERTY)
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Only where {@code clock.offset-file} is set (never in AWS): the system clock moved by the file's offset. */
    @Singleton
    @Requires(property = OffsetFileClock.PROPERTY)
    Clock movable(@Value("${clock.offset-file:}") String file) {
        return new OffsetFileClock(Path.of(file));
    }
}
