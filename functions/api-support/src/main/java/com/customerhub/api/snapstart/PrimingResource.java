package com.customerhub.api.snapstart;

import com.customerhub.api.http.Problem;
import com.customerhub.core.customer.CustomerRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.crac.OrderedResource;
import io.micronaut.web.router.Router;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Runs before SnapStart takes its snapshot: exercises JSON serialization both ways, the router, and
 * the DynamoDB client (a read of a key no tenant can have), so the first real request after a
 * restore finds classes loaded and connections set up. It writes nothing.
 */
@Singleton
public class PrimingResource implements OrderedResource {
    private static final Logger LOG = LoggerFactory.getLogger(PrimingResource.class);

    private final ObjectMapper json;
    private final Router router;
    private final CustomerRepository customers;

    public PrimingResource(ObjectMapper json, Router router, CustomerRepository customers) {
        this.json = json;
        this.router = router;
        this.customers = customers;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing: clients re-resolve endpoints on their own
    }

    /** What the checkpoint hook does; callable on its own (tests, benchmarks). */
    public void prime() {
        long started = System.nanoTime();
        try {
            String text = json.writeValueAsString(PrimingSample.customer(Instant.now()));
            json.readTree(text);
            json.writeValueAsString(Problem.of(400, "Invalid request", "priming"));
            router.findAny("/customers/" + PrimingSample.ID, null);
            customers.find(PrimingSample.NO_TENANT, PrimingSample.ID);
            LOG.info("primed for the snapshot in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            LOG.warn("priming failed, the snapshot is taken cold: {}", e.toString());
        }
    }
}
