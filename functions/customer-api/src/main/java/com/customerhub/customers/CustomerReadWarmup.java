package com.customerhub.customers;

import com.customerhub.api.http.WarmupStep;
import com.customerhub.api.snapstart.PrimingSample;
import com.customerhub.core.customer.CustomerRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The customer API's first request is most often a read of a customer: on the warm-up thread, one
 * read of a key no tenant has (the SDK's request path, the HTTP connection) and the JSON of a
 * customer (Jackson's serializers), so that request finds both loaded.
 */
@Singleton
public class CustomerReadWarmup implements WarmupStep {
    private final CustomerRepository customers;
    private final ObjectMapper json;

    public CustomerReadWarmup(CustomerRepository customers, ObjectMapper json) {
        this.customers = customers;
        this.json = json;
    }

    @Override
    public void run() {
        customers.find(PrimingSample.NO_TENANT, PrimingSample.ID);
        try {
            json.writeValueAsString(PrimingSample.customer(Instant.now()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
