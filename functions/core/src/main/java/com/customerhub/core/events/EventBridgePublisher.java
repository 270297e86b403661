package com.customerhub.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.util.Map;

/** Publishes to the product's EventBridge bus ({@code EVENT_BUS_NAME}). */
@Singleton
@Requires(property = "events.sink", value = "eventbridge", defaultValue = "eventbridge")
public class EventBridgePublisher implements EventPublisher {
    /** Looked up when the first event is published: reads never pay for building the client. */
    private final Provider<EventBridgeClient> client;
    private final String busName;
    private final ObjectMapper json;

    public EventBridgePublisher(@Value("${event.bus.name}") String busName, ObjectMapper json,
                                Provider<EventBridgeClient> client) {
        this.client = client;
        this.busName = busName;
        this.json = json;
    }

    @Override
    public void publish(DomainEvent event) {
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                .eventBusName(busName).source(DomainEvent.SOURCE).detailType(event.detailType())
                .time(event.time()).detail(detailJson(event)).build();
        PutEventsResponse response = client.get().putEvents(b -> b.entries(entry));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("EventBridge refused " + event.detailType() + ": "
                    + response.entries().get(0).errorCode());
        }
    }

    private String detailJson(DomainEvent event) {
        try {
            return json.writeValueAsString(withTenant(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> withTenant(DomainEvent event) {
        var detail = new java.util.LinkedHashMap<String, Object>();
        detail.put("tenantId", event.tenantId());
        detail.putAll(event.detail());
        return detail;
    }
}
