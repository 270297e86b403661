package com.customerhub.customers;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.enrichment.EnrichmentResult;
import com.customerhub.core.enrichment.EnrichmentService;
import com.customerhub.core.identity.Identity;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;

/** {@code POST /customers/{id}/enrichment}: values proposed by an integration (admin or the integration group). */
@Controller("/customers/{id}/enrichment")
public class EnrichmentController {
    private final EnrichmentService enrichment;
    private final JsonBodies bodies;

    public EnrichmentController(EnrichmentService enrichment, JsonBodies bodies) {
        this.enrichment = enrichment;
        this.bodies = bodies;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public EnrichmentResult enrich(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                   @Body byte[] body) {
        return enrichment.enrich(who, id, bodies.object(body));
    }
}
