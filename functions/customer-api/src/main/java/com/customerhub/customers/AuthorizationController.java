package com.customerhub.customers;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.http.ListResponse;
import com.customerhub.api.http.Versions;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.authorization.Authorization;
import com.customerhub.core.authorization.AuthorizationCheck;
import com.customerhub.core.authorization.AuthorizationService;
import com.customerhub.core.data.PageRequest;
import com.customerhub.core.identity.Identity;
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

import java.util.Map;

/** {@code /customers/{id}/authorizations}: who may act for the customer, and the check by mobile. */
@Controller("/customers/{id}/authorizations")
public class AuthorizationController {
    private final AuthorizationService authorizations;
    private final JsonBodies bodies;

    public AuthorizationController(AuthorizationService authorizations, JsonBodies bodies) {
        this.authorizations = authorizations;
        this.bodies = bodies;
    }

    @Get
    public ListResponse<Authorization> list(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                            @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(pageSize, cursor);
        return ListResponse.of(authorizations.list(who, id, page.pageSize(), page.cursor()));
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Authorization> create(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                              @Body byte[] body) {
        Authorization created = authorizations.create(who, id, bodies.object(body));
        return Versions.created(created, "/customers/" + id + "/authorizations/" + created.id());
    }

    @Get("/check")
    public AuthorizationCheck check(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                    @Nullable @QueryValue String mobile, @Nullable @QueryValue String scope) {
        return authorizations.check(who, id, mobile, scope);
    }

    @Get("/{authId}")
    public HttpResponse<Authorization> get(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                           @PathVariable String authId) {
        Authorization authorization = authorizations.get(who, id, authId);
        return Versions.ok(authorization);
    }

    @Patch("/{authId}")
    @Consumes({CustomerController.MERGE_PATCH, MediaType.APPLICATION_JSON})
    public HttpResponse<Authorization> patch(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                             @PathVariable String authId, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                             @Body byte[] body) {
        Long version = Versions.optional(ifMatch);
        Authorization updated = authorizations.patch(who, id, authId, version, bodies.object(body));
        return Versions.ok(updated);
    }

    @Post("/{authId}/document")
    public Map<String, Object> document(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                        @PathVariable String authId) {
        return authorizations.documentUpload(who, id, authId);
    }
}
