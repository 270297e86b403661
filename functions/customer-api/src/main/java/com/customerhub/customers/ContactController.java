package com.customerhub.customers;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.http.ListResponse;
import com.customerhub.api.http.Versions;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.contact.Contact;
import com.customerhub.core.contact.ContactService;
import com.customerhub.core.data.PageRequest;
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

import java.net.URI;

/** {@code /customers/{id}/contacts}: the people of an account, its primary contact, and relations to other accounts. */
@Controller("/customers/{id}/contacts")
public class ContactController {
    private final ContactService contacts;
    private final JsonBodies bodies;

    public ContactController(ContactService contacts, JsonBodies bodies) {
        this.contacts = contacts;
        this.bodies = bodies;
    }

    @Get
    public ListResponse<Contact> list(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                      @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(pageSize, cursor);
        return ListResponse.of(contacts.list(who, id, page.pageSize(), page.cursor()));
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Contact> create(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                        @Body byte[] body) {
        Contact created = contacts.create(who, id, bodies.object(body));
        return Versions.created(created, "/customers/" + id + "/contacts/" + created.id());
    }

    @Get("/{contactId}")
    public HttpResponse<Contact> get(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                     @PathVariable String contactId) {
        return Versions.ok(contacts.get(who, id, contactId));
    }

    @Put("/{contactId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Contact> replace(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                         @PathVariable String contactId, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                         @Body byte[] body) {
        long version = Versions.required(ifMatch);
        return Versions.ok(contacts.replace(who, id, contactId, version, bodies.object(body)));
    }

    @Patch("/{contactId}")
    @Consumes({CustomerController.MERGE_PATCH, MediaType.APPLICATION_JSON})
    public HttpResponse<Contact> patch(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                       @PathVariable String contactId, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                       @Body byte[] body) {
        long version = Versions.required(ifMatch);
        return Versions.ok(contacts.patch(who, id, contactId, version, bodies.object(body)));
    }

    @Delete("/{contactId}")
    public HttpResponse<Void> delete(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                     @PathVariable String contactId, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        long version = Versions.required(ifMatch);
        contacts.delete(who, id, contactId, version);
        return HttpResponse.noContent();
    }

    @Post("/{contactId}/primary")
    public HttpResponse<Contact> makePrimary(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                             @PathVariable String contactId) {
        return Versions.ok(contacts.makePrimary(who, id, contactId));
    }

    @Post("/{contactId}/relations")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Contact> relate(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                        @PathVariable String contactId, @Body byte[] body) {
        Contact related = contacts.relate(who, id, contactId, bodies.object(body));
        return HttpResponse.created(related, URI.create("/customers/" + related.customerId() + "/contacts/" + contactId));
    }
}
