package com.customerhub.privacy;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.consent.ConsentEvent;
import com.customerhub.core.consent.ConsentService;
import com.customerhub.core.consent.OutboundPermission;
import com.customerhub.core.identity.Identity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;

import java.net.URI;
import java.util.Map;

/** {@code /customers/{id}/consents} and {@code /customers/{id}/outbound-permission}. */
@Controller("/customers/{id}")
public class ConsentController {
    private final ConsentService consents;
    private final JsonBodies bodies;

    public ConsentController(ConsentService consents, JsonBodies bodies) {
        this.consents = consents;
        this.bodies = bodies;
    }

    @Post("/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<ConsentEvent> record(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                             @Body byte[] body) {
        ConsentEvent event = consents.record(who, id, bodies.object(body));
        return HttpResponse.created(event, URI.create("/customers/" + id + "/consents"));
    }

    @Get("/consents")
    public Map<String, Object> consents(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        return consents.consents(who, id);
    }

    @Get("/outbound-permission")
    public OutboundPermission.Decision outboundPermission(@RequestAttribute(AccessFilter.IDENTITY) Identity who,
                                                          @PathVariable String id, @Nullable @QueryValue String channel,
                                                          @Nullable @QueryValue String purpose) {
        return consents.outboundPermission(who, id, channel, purpose);
    }
}
