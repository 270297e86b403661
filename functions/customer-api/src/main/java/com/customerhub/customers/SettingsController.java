package com.customerhub.customers;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.http.Versions;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.settings.SettingsService;
import com.customerhub.core.settings.TenantSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestAttribute;

/** {@code /settings}: the tenant's settings (admin only), versioned like customers (ETag, If-Match). */
@Controller("/settings")
public class SettingsController {
    private final SettingsService settings;
    private final JsonBodies bodies;

    public SettingsController(SettingsService settings, JsonBodies bodies) {
        this.settings = settings;
        this.bodies = bodies;
    }

    @Get
    public HttpResponse<TenantSettings> read(@RequestAttribute(AccessFilter.IDENTITY) Identity who) {
        TenantSettings current = settings.read(who);
        return Versions.ok(current);
    }

    @Put
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<TenantSettings> replace(@RequestAttribute(AccessFilter.IDENTITY) Identity who,
                                                @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch, @Body byte[] body) {
        long version = Versions.required(ifMatch);
        TenantSettings saved = settings.replace(who, version, bodies.object(body));
        return Versions.ok(saved);
    }
}
