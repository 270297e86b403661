package com.customerhub.alerts;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.http.ListResponse;
import com.customerhub.api.http.Versions;
import com.customerhub.api.security.AccessFilter;
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
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;


/** {@code /alert-rules}: rules as JSON, and a dry run that says whom a rule would alert about. */
@Controller("/alert-rules")
public class AlertRuleController {
    private final AlertRuleService rules;
    private final JsonBodies bodies;

    public AlertRuleController(AlertRuleService rules, JsonBodies bodies) {
        this.rules = rules;
        this.bodies = bodies;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<AlertRule> create(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @Body byte[] body) {
        AlertRule created = rules.create(who, bodies.object(body));
        return Versions.created(created, "/alert-rules/" + created.id());
    }

    @Get
    public ListResponse<AlertRule> list(@RequestAttribute(AccessFilter.IDENTITY) Identity who,
                                        @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(pageSize, cursor);
        return ListResponse.of(rules.list(who, page.pageSize(), page.cursor()));
    }

    @Get("/{id}")
    public HttpResponse<AlertRule> get(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        AlertRule rule = rules.get(who, id);
        return Versions.ok(rule);
    }

    @Put("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<AlertRule> replace(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                           @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch, @Body byte[] body) {
        AlertRule rule = rules.replace(who, id, Versions.optional(ifMatch), bodies.object(body));
        return Versions.ok(rule);
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                     @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        rules.delete(who, id, Versions.optional(ifMatch));
        return HttpResponse.noContent();
    }

    @Post("/{id}/test")
    public AlertRuleService.TestResult test(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        return rules.test(who, id);
    }
}
