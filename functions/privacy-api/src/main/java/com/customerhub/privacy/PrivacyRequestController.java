package com.customerhub.privacy;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.http.ListResponse;
import com.customerhub.api.http.QueryParams;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.data.PageRequest;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
import com.customerhub.privacy.requests.PrivacyRequestService;
import com.customerhub.privacy.requests.RequestStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import java.util.Locale;

/** {@code /privacy-requests}: data-subject requests (GDPR Art. 12, 15-21). */
@Controller("/privacy-requests")
public class PrivacyRequestController {
    private final PrivacyRequestService requests;
    private final JsonBodies bodies;

    public PrivacyRequestController(PrivacyRequestService requests, JsonBodies bodies) {
        this.requests = requests;
        this.bodies = bodies;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<ObjectNode> file(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @Body byte[] body) {
        ObjectNode request = requests.file(who, bodies.object(body));
        return HttpResponse.<ObjectNode>status(HttpStatus.ACCEPTED).body(request)
                .header("Location", URI.create("/privacy-requests/" + request.get("id").asText()).toString());
    }

    @Get
    public ListResponse<ObjectNode> list(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @Nullable @QueryValue String status,
                                         @Nullable @QueryValue String overdue, @Nullable @QueryValue String customerId,
                                         @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(pageSize, cursor);
        return ListResponse.of(requests.list(who, QueryParams.enumValue("status", status, RequestStatus.class), bool("overdue", overdue),
                QueryParams.text(customerId), page.pageSize(), page.cursor()));
    }

    @Get("/{id}")
    public ObjectNode get(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        return requests.get(who, id);
    }

    @Post("/{id}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode extend(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id, @Body byte[] body) {
        return requests.extend(who, id, bodies.object(body));
    }

    @Post("/{id}/process")
    public HttpResponse<ObjectNode> process(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        return HttpResponse.<ObjectNode>status(HttpStatus.ACCEPTED).body(requests.process(who, id));
    }

    @Post("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode reject(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id, @Body byte[] body) {
        return requests.reject(who, id, bodies.object(body));
    }

    private static Boolean bool(String name, String value) {
        String text = QueryParams.text(value);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name, "must be true or false");
        };
    }
}
