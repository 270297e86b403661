package com.customerhub.customers;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.http.ListResponse;
import com.customerhub.api.http.QueryParams;
import com.customerhub.api.http.Versions;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.customer.AuditEntry;
import com.customerhub.core.customer.ChildAccount;
import com.customerhub.core.customer.DuplicateCandidate;
import com.customerhub.core.bulk.BulkResult;
import com.customerhub.core.bulk.BulkService;
import com.customerhub.core.merge.MergeService;
import com.customerhub.core.segment.SegmentService;
import com.customerhub.core.view.CustomerView;
import com.customerhub.core.view.CustomerViewService;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerQuery;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.data.PageRequest;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
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
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;


/** {@code /customers}: create, read, update, delete, list and search. */
@Controller("/customers")
public class CustomerController {
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final CustomerService customers;
    private final JsonBodies bodies;
    private final CustomerViewService views;
    private final BulkService bulk;
    private final MergeService merges;
    private final SegmentService segments;

    public CustomerController(CustomerService customers, JsonBodies bodies, CustomerViewService views, BulkService bulk,
                              MergeService merges, SegmentService segments) {
        this.merges = merges;
        this.segments = segments;
        this.customers = customers;
        this.bodies = bodies;
        this.views = views;
        this.bulk = bulk;
    }

    @Get
    public ListResponse<Customer> list(@RequestAttribute(AccessFilter.IDENTITY) Identity who,
                                       @Nullable @QueryValue String q, @Nullable @QueryValue String tag,
                                       @Nullable @QueryValue String responsibleUser, @Nullable @QueryValue String segment,
                                       @Nullable @QueryValue String updatedSince,
                                       @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(pageSize, cursor);
        String segmentId = QueryParams.text(segment);
        CustomerQuery query = new CustomerQuery(QueryParams.text(q), QueryParams.text(tag), QueryParams.text(responsibleUser),
                QueryParams.instant("updatedSince", updatedSince), segmentId == null ? null : segments.filter(who, segmentId));
        return ListResponse.of(customers.list(who, query, page.pageSize(), page.cursor()));
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Customer> create(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @Body byte[] body) {
        Customer created = customers.create(who, bodies.object(body));
        return Versions.created(created, "/customers/" + created.id());
    }

    @Get("/duplicates")
    public java.util.Map<String, java.util.List<DuplicateCandidate>> duplicates(@RequestAttribute(AccessFilter.IDENTITY) Identity who,
                                                                              @Nullable @QueryValue String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw ApiException.badRequest("customerId", "is required");
        }
        return java.util.Map.of("items", customers.duplicates(who, customerId.strip()));
    }

    @Post("/bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    public BulkResult bulk(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @Body byte[] body) {
        return bulk.apply(who, bodies.object(body));
    }

    @Post("/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    public java.util.Map<String, Object> merge(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @Body byte[] body) {
        return merges.merge(who, bodies.object(body));
    }

    @Get("/{id}")
    public HttpResponse<Customer> get(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        return Versions.ok(customers.get(who, id));
    }

    @Put("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Customer> replace(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                          @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch, @Body byte[] body) {
        long version = Versions.required(ifMatch);
        return Versions.ok(customers.replace(who, id, version, bodies.object(body)));
    }

    @Patch("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    public HttpResponse<Customer> patch(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                        @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch, @Body byte[] body) {
        long version = Versions.required(ifMatch);
        return Versions.ok(customers.patch(who, id, version, bodies.object(body)));
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                     @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        long version = Versions.required(ifMatch);
        customers.delete(who, id, version);
        return HttpResponse.noContent();
    }

    @Get("/{id}/children")
    public ListResponse<ChildAccount> children(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                               @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(pageSize, cursor);
        return ListResponse.of(customers.children(who, id, page.pageSize(), page.cursor()));
    }

    @Get("/{id}/view")
    public CustomerView view(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        return views.view(who, id);
    }

    @Get("/{id}/audit")
    public ListResponse<AuditEntry> audit(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                          @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(pageSize, cursor);
        return ListResponse.of(customers.audit(who, id, page.pageSize(), page.cursor()));
    }
}
