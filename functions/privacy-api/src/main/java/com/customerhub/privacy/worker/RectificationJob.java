package com.customerhub.privacy.worker;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.identity.Identity;
import com.customerhub.privacy.requests.PrivacyRequest;
import com.customerhub.privacy.requests.RequestType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * RECTIFICATION (GDPR Art. 16): the corrected fields of {@code details} as a merge patch through
 * the normal customer update path (validation, uniqueness, audit with the request as source,
 * CustomerUpdated). A re-run changes nothing more: the patch is already applied.
 */
@Singleton
public class RectificationJob implements PrivacyJob {
    private final CustomerService customers;
    private final ObjectMapper json;

    public RectificationJob(CustomerService customers, ObjectMapper json) {
        this.customers = customers;
        this.json = json;
    }

    @Override
    public boolean handles(RequestType type) {
        return type == RequestType.RECTIFICATION;
    }

    @Override
    public ObjectNode run(Identity who, Progress progress) {
        PrivacyRequest request = progress.request();
        Customer before = customers.get(who, request.customerId());
        Customer after = customers.patch(who, before.id(), before.version(), (ObjectNode) request.details().deepCopy(),
                "privacy-request:" + request.id());
        List<String> fields = new ArrayList<>();
        request.details().fieldNames().forEachRemaining(fields::add);
        ObjectNode result = json.createObjectNode().put("version", after.version());
        fields.forEach(result.putArray("rectifiedFields")::add);
        return result;
    }
}
