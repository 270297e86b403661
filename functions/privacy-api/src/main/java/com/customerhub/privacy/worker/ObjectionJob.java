package com.customerhub.privacy.worker;

import com.customerhub.core.consent.ConsentChannel;
import com.customerhub.core.consent.ConsentEvent;
import com.customerhub.core.consent.ConsentService;
import com.customerhub.core.consent.ConsentState;
import com.customerhub.core.consent.ConsentStatus;
import com.customerhub.core.consent.Purpose;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.identity.Identity;
import com.customerhub.privacy.requests.PrivacyRequest;
import com.customerhub.privacy.requests.RequestType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * OBJECTION (GDPR Art. 21): marks the customer as objecting first (from then on the consent grant
 * path refuses MARKETING and PROFILING; imports carry no consents), then appends a WITHDRAWN ledger
 * entry for MARKETING and PROFILING on ANY channel and on every channel that had its own grant, so
 * the current state says no everywhere. {@code details.lift} removes the mark; consent must then be
 * given anew. A re-run skips withdrawals this request already recorded.
 */
@Singleton
public class ObjectionJob implements PrivacyJob {
    private final ConsentService consents;
    private final CustomerService customers;
    private final Clock clock;
    private final ObjectMapper json;

    public ObjectionJob(ConsentService consents, CustomerService customers, Clock clock, ObjectMapper json) {
        this.consents = consents;
        this.customers = customers;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public boolean handles(RequestType type) {
        return type == RequestType.OBJECTION;
    }

    @Override
    public ObjectNode run(Identity who, Progress progress) {
        PrivacyRequest request = progress.request();
        String customerId = customers.get(who, request.customerId()).id();
        String source = "privacy-request:" + request.id();
        if (request.detail("lift")) {
            consents.setObjection(who.tenantId(), customerId, request.id(), false, clock.instant());
            return json.createObjectNode().put("objection", false)
                    .put("note", "the objection is lifted; MARKETING and PROFILING stay withdrawn until the person consents again");
        }
        consents.setObjection(who.tenantId(), customerId, request.id(), true, clock.instant());
        ConsentState state = ConsentState.of(consents.ledger(who.tenantId(), customerId));
        ObjectNode result = json.createObjectNode().put("objection", true);
        ArrayNode withdrawn = result.putArray("withdrawn");
        for (Purpose purpose : ConsentService.OBJECTABLE) {
            Set<ConsentChannel> channels = new LinkedHashSet<>();
            channels.add(ConsentChannel.ANY);
            state.current().stream().filter(c -> c.purpose() == purpose).map(ConsentEvent::channel).forEach(channels::add);
            for (ConsentChannel channel : channels) {
                boolean already = state.current().stream().anyMatch(c -> c.purpose() == purpose && c.channel() == channel
                        && c.status() == ConsentStatus.WITHDRAWN && source.equals(c.source()));
                if (!already) {
                    consents.record(who, customerId, json.createObjectNode().put("purpose", purpose.name()).put("channel", channel.name())
                            .put("status", "WITHDRAWN").put("source", source)
                            .put("evidence", "objection to processing (GDPR Art. 21), request " + request.id()));
                }
                withdrawn.add(purpose + "#" + channel);
            }
        }
        return result;
    }
}
