package com.customerhub.imports;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops an apply the way a timeout or a crash would (after a chunk's guards, or after its writes
 * and before its checkpoint), or acts between a chunk's plan and its writes as a concurrent API
 * user would. Each trigger fires once, at the given chunk of the given job.
 */
@Singleton
@Replaces(ApplyHooks.class)
@Requires(property = "test.kill-switch", value = "true")
class KillSwitch extends ApplyHooks {
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed by the test");
        }
    }

    private enum Point { BEFORE_WRITES, AFTER_GUARDS, AFTER_WRITES }

    private record Trigger(String job, int chunk, Runnable action) {
    }

    private final Map<Point, Trigger> armed = new ConcurrentHashMap<>();

    /** Runs {@code action} once, after the chunk's plan and before its writes (a concurrent API user). */
    void beforeWrites(String job, int chunk, Runnable action) {
        armed.put(Point.BEFORE_WRITES, new Trigger(job, chunk, action));
    }

    /** Kills the run once, after the chunk's writes and before its checkpoint. */
    void arm(String job, int afterChunk) {
        armed.put(Point.AFTER_WRITES, new Trigger(job, afterChunk, KillSwitch::kill));
    }

    /** Kills the run once, after the chunk's guard transactions and before its batch puts. */
    void armAfterGuards(String job, int chunk) {
        armed.put(Point.AFTER_GUARDS, new Trigger(job, chunk, KillSwitch::kill));
    }

    @Override
    public void beforeChunkWrites(ImportJob job, int index) {
        fire(Point.BEFORE_WRITES, job, index);
    }

    @Override
    public void afterChunkGuards(ImportJob job, int index) {
        fire(Point.AFTER_GUARDS, job, index);
    }

    @Override
    public void afterChunkWrites(ImportJob job, int index) {
        fire(Point.AFTER_WRITES, job, index);
    }

    private void fire(Point point, ImportJob job, int index) {
        Trigger trigger = armed.get(point);
        if (trigger != null && trigger.job().equals(job.id()) && trigger.chunk() == index && armed.remove(point, trigger)) {
            trigger.action().run();
        }
    }

    private static void kill() {
        throw new Killed();
    }
}
