package com.customerhub.customers;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.forward.ForwardService;
import com.customerhub.core.identity.Identity;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;

/** {@code POST /customers/{id}/interactions/{interactionId}/forward}: mail an interaction outside the product (202). */
@Controller("/customers/{id}/interactions/{interactionId}/forward")
public class ForwardController {
    private final ForwardService forwards;
    private final JsonBodies bodies;

    public ForwardController(ForwardService forwards, JsonBodies bodies) {
        this.forwards = forwards;
        this.bodies = bodies;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<ForwardService.Forwarded> forward(@RequestAttribute(AccessFilter.IDENTITY) Identity who,
                                                          @PathVariable String id, @PathVariable String interactionId,
                                                          @Body byte[] body) {
        return HttpResponse.accepted().body(forwards.forward(who, id, interactionId, bodies.object(body)));
    }
}
