package com.customerhub.customers;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.http.ListResponse;
import com.customerhub.api.http.QueryParams;
import com.customerhub.api.http.Versions;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.data.PageRequest;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.interaction.Interaction;
import com.customerhub.core.interaction.InteractionService;
import com.customerhub.core.interaction.InteractionType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;


/** {@code /customers/{id}/interactions} and {@code /customers/{id}/history}: what happened with a customer. */
@Controller("/customers/{id}")
public class InteractionController {
    private final InteractionService interactions;
    private final JsonBodies bodies;

    public InteractionController(InteractionService interactions, JsonBodies bodies) {
        this.interactions = interactions;
        this.bodies = bodies;
    }

    @Post("/interactions")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Interaction> record(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                            @Body byte[] body) {
        Interaction created = interactions.record(who, id, bodies.object(body));
        return Versions.created(created, "/customers/" + id + "/interactions/" + created.id());
    }

    @Get("/interactions")
    public ListResponse<Interaction> list(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                          @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                          @Nullable @QueryValue String q, @Nullable @QueryValue String type,
                                          @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        return history(who, id, from, to, q, type, pageSize, cursor);
    }

    /** The same history as {@code GET /interactions}, under the name the contact-centre seed uses. */
    @Get("/history")
    public ListResponse<Interaction> history(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                             @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                             @Nullable @QueryValue String q, @Nullable @QueryValue String type,
                                             @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(pageSize, cursor);
        return ListResponse.of(interactions.history(who, id, QueryParams.instant("from", from), QueryParams.endOf("to", to),
                QueryParams.enumValue("type", type, InteractionType.class), QueryParams.text(q), page.pageSize(), page.cursor()));
    }

    @Get("/interactions/{interactionId}")
    public HttpResponse<Interaction> get(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                         @PathVariable String interactionId) {
        Interaction interaction = interactions.get(who, id, interactionId);
        return Versions.ok(interaction);
    }

    @Patch("/interactions/{interactionId}")
    @Consumes({CustomerController.MERGE_PATCH, MediaType.APPLICATION_JSON})
    public HttpResponse<Interaction> patch(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                           @PathVariable String interactionId,
                                           @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch, @Body byte[] body) {
        Long version = Versions.optional(ifMatch);
        Interaction updated = interactions.patch(who, id, interactionId, version, bodies.object(body));
        return Versions.ok(updated);
    }
}
