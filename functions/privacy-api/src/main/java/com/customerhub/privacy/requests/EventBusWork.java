package com.customerhub.privacy.requests;

import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.events.EventPublisher;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;

/**
 * The work goes through the bus: a {@code PrivacyRequestProcessing} event (ids only) that an
 * EventBridge rule delivers to the worker function as an asynchronous invocation (Lambda retries a
 * failed or killed run twice; the worker is idempotent). The local stack delivers the same events
 * to the worker from its events file, as the rule would.
 */
@Singleton
public class EventBusWork implements PrivacyWork {
    public static final String DETAIL_TYPE = "PrivacyRequestProcessing";

    private final EventPublisher events;
    private final Clock clock;

    public EventBusWork(EventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void dispatch(String tenant, String requestId) {
        events.publish(new DomainEvent(DETAIL_TYPE, tenant, Map.of("requestId", requestId), clock.instant()));
    }
}
