package com.customerhub.api.snapstart;

import com.customerhub.core.customer.CustomerRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * What an API function's first request most often does, done ahead of it with nothing written: one
 * read of a key no tenant has (the SDK's request path, the HTTP connection) and the JSON of a
 * customer (Jackson's serializers). Run by the on-demand start's warm-up thread
 * ({@code ClientWarmup}) and by the SnapStart priming hook ({@link PrimingResource}).
 */
@Singleton
public class CustomerReadWarmup {
    private final CustomerRepository customers;
    private final ObjectMapper json;

    public CustomerReadWarmup(CustomerRepository customers, ObjectMapper json) {
        this.customers = customers;
        this.json = json;
    }

    public void run() {
        customers.find(PrimingSample.NO_TENANT, PrimingSample.ID);
        try {
            json.writeValueAsString(PrimingSample.customer(Instant.now()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
