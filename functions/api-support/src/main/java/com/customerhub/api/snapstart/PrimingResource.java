package com.customerhub.api.snapstart;

import com.customerhub.api.http.Problem;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerDraft;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.customer.CustomerStats;
import com.customerhub.core.customer.CustomerType;
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
    static final String NO_TENANT = "prime-0000";
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
            Instant now = Instant.now();
            Customer sample = new Customer("01HPR1MEPR1MEPR1MEPR1ME000", new CustomerDraft(CustomerType.B2C, "Prime", null, null, null,
                    null, null, "+390000000000", null, null, null, null, null, null, null, 5, null, null, null, null, null,
                    null, null, null, null, null), CustomerStats.empty(), null, 1, now, now);
            String text = json.writeValueAsString(sample);
            json.readTree(text);
            json.writeValueAsString(Problem.of(400, "Invalid request", "priming"));
            router.findAny("/customers/01HPR1MEPR1MEPR1MEPR1ME000", null);
            customers.find(NO_TENANT, "01HPR1MEPR1MEPR1MEPR1ME000");
            LOG.info("primed for the snapshot in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            LOG.warn("priming failed, the snapshot is taken cold: {}", e.toString());
        }
    }
}
