package com.customerhub.core.events;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps events in memory, for tests that assert what was published. A queue, not a copy-on-write
 * list: an import publishes one event a customer, and copying the list on each made a 100,000-row
 * apply quadratic.
 */
@Singleton
@Requires(property = "events.sink", value = "memory")
public class RecordingEventPublisher implements EventPublisher {
    private final Queue<DomainEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    public void publish(DomainEvent event) {
        events.add(event);
    }

    public List<DomainEvent> events() {
        return List.copyOf(events);
    }

    public void clear() {
        events.clear();
    }
}
