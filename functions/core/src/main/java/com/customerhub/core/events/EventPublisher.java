package com.customerhub.core.events;

import java.util.List;

/** Puts domain events on the bus; EventBridge in AWS, a file or memory locally. */
public interface EventPublisher {
    void publish(DomainEvent event);

    /** Publishes many at once; EventBridge batches them, the local sinks take them one by one. */
    default void publishAll(List<DomainEvent> events) {
        events.forEach(this::publish);
    }
}
