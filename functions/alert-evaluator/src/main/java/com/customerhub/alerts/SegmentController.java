package com.customerhub.alerts;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.http.ListResponse;
import com.customerhub.api.http.Versions;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.data.PageRequest;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.segment.Segment;
import com.customerhub.core.segment.SegmentService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;


/** {@code /segments}: named conditions over customers and their members. */
@Controller("/segments")
public class SegmentController {
    private final SegmentService segments;
    private final JsonBodies bodies;

    public SegmentController(SegmentService segments, JsonBodies bodies) {
        this.segments = segments;
        this.bodies = bodies;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Segment> create(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @Body byte[] body) {
        Segment created = segments.create(who, bodies.object(body));
        return Versions.created(created, "/segments/" + created.id());
    }

    @Get
    public ListResponse<Segment> list(@RequestAttribute(AccessFilter.IDENTITY) Identity who,
                                      @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(pageSize, cursor);
        return ListResponse.of(segments.list(who, page.pageSize(), page.cursor()));
    }

    @Get("/{id}")
    public HttpResponse<Segment> get(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        Segment segment = segments.get(who, id);
        return Versions.ok(segment);
    }

    @Put("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Segment> replace(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                         @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch, @Body byte[] body) {
        Segment segment = segments.replace(who, id, Versions.optional(ifMatch), bodies.object(body));
        return Versions.ok(segment);
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                     @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        segments.delete(who, id, Versions.optional(ifMatch));
        return HttpResponse.noContent();
    }

    @Get("/{id}/members")
    public ListResponse<Customer> members(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                          @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(pageSize, cursor);
        return ListResponse.of(segments.members(who, id, page.pageSize(), page.cursor()));
    }
}
