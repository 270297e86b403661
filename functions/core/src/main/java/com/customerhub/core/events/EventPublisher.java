package com.customerhub.core.events;

/** Puts domain events on the bus; EventBridge in AWS, a file or memory locally. */
public interface EventPublisher {
    void publish(DomainEvent event);
}
