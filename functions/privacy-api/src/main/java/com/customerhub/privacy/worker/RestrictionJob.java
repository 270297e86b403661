package com.customerhub.privacy.worker;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.identity.Identity;
import com.customerhub.privacy.requests.PrivacyRequest;
import com.customerhub.privacy.requests.RequestType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

/**
 * RESTRICTION (GDPR Art. 18): sets {@code restricted} (stored, but no outbound permission, alert,
 * segment or export), or lifts it when {@code details.lift} is true; through the customer update
 * path, audited with the request as source.
 */
@Singleton
public class RestrictionJob implements PrivacyJob {
    private final CustomerService customers;
    private final ObjectMapper json;

    public RestrictionJob(CustomerService customers, ObjectMapper json) {
        this.customers = customers;
        this.json = json;
    }

    @Override
    public boolean handles(RequestType type) {
        return type == RequestType.RESTRICTION;
    }

    @Override
    public ObjectNode run(Identity who, Progress progress) {
        PrivacyRequest request = progress.request();
        boolean restrict = !request.detail("lift");
        Customer after = customers.restrict(who, request.customerId(), restrict, "privacy-request:" + request.id());
        return json.createObjectNode().put("restricted", Boolean.TRUE.equals(after.fields().restricted())).put("version", after.version());
    }
}
