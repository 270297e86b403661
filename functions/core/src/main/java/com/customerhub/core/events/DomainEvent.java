package com.customerhub.core.events;

import java.time.Instant;
import java.util.Map;

/**
 * An event for EventBridge (source {@code customer-hub}). The detail holds the tenant and ids
 * only, never personal data, because every subscriber on the bus can read it.
 */
public record DomainEvent(String detailType, String tenantId, Map<String, Object> detail, Instant time) {
    public static final String SOURCE = "customer-hub";

    public DomainEvent {
        detail = Map.copyOf(detail);
    }
}
