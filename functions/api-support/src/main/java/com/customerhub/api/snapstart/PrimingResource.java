package com.customerhub.api.snapstart;

import com.customerhub.api.http.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.web.router.Router;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Runs before SnapStart takes its snapshot: the first request's read ({@link CustomerReadWarmup}),
 * JSON both ways, a problem body and the router, so the first real request after a
 * restore finds classes loaded and connections set up. It writes nothing. {@link SnapStartRegistration}
 * registers it with the CRaC context that SnapStart runs before the snapshot.
 */
@Singleton
public class PrimingResource implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(PrimingResource.class);

    private final ObjectMapper json;
    private final Router router;
    private final CustomerReadWarmup read;

    public PrimingResource(ObjectMapper json, Router router, CustomerReadWarmup read) {
        this.json = json;
        this.router = router;
        this.read = read;
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
            read.run();
            json.readTree(json.writeValueAsString(PrimingSample.customer(Instant.now())));
            json.writeValueAsString(Problem.of(400, "Invalid request", "priming"));
            router.findAny("/customers/" + PrimingSample.ID, null);
            LOG.info("primed for the snapshot in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            LOG.warn("priming failed, the snapshot is taken cold: {}", e.toString());
        }
    }
}
