package com.customerhub.customers;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.link.Link;
import com.customerhub.core.link.LinkService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** {@code /customers/{id}/links}: records in other systems (opportunities, tickets, campaigns, contracts). */
@Controller("/customers/{id}/links")
public class LinkController {
    private final LinkService links;
    private final JsonBodies bodies;

    public LinkController(LinkService links, JsonBodies bodies) {
        this.links = links;
        this.bodies = bodies;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Link> attach(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id, @Body byte[] body) {
        Link link = links.attach(who, id, bodies.object(body));
        return HttpResponse.created(link, URI.create("/customers/" + id + "/links/" + link.id()));
    }

    @Get
    public Map<String, List<Link>> list(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        return Map.of("items", links.list(who, id));
    }

    @Delete("/{linkId}")
    public HttpResponse<Void> remove(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                     @PathVariable String linkId) {
        links.remove(who, id, linkId);
        return HttpResponse.noContent();
    }
}
