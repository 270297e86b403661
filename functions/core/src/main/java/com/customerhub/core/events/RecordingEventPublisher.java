package com.customerhub.core.events;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps events in memory, for tests that assert what was published. */
@Singleton
@Requires(property = "events.sink", value = "memory")
public class RecordingEventPublisher implements EventPublisher {
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

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
