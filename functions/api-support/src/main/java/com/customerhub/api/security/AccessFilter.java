package com.customerhub.api.security;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.AccessPolicy;
import com.customerhub.core.identity.ClaimsIdentityReader;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.identity.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.servlet.http.ServletHttpRequest;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import org.slf4j.MDC;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs before every controller: reads the identity from the verified JWT claims (401 without),
 * then checks the caller's roles against the {@link AccessPolicy} row of the matched route (403
 * naming the roles that would do). Nothing is read or written before this passes.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessFilter {
    public static final String IDENTITY = "customerhub.identity";

    private final ClaimsIdentityReader reader;
    private final AccessPolicy policy = AccessPolicy.standard();

    public AccessFilter(ClaimsIdentityReader reader) {
        this.reader = reader;
    }

    @RequestFilter
    public void authorize(HttpRequest<?> request) {
        Identity identity = reader.read(claimsOf(request));
        MDC.put("tenantId", identity.tenantId());
        String template = RouteAttributes.getRouteMatch(request)
                .filter(UriRouteMatch.class::isInstance)
                .map(match -> ((UriRouteMatch<?, ?>) match).getRouteInfo().getUriMatchTemplate().toPathString())
                .orElse(null);
        if (template == null) {
            return; // no route: the router answers 404/405 without touching data
        }
        Set<Role> allowed = policy.rolesFor(request.getMethodName(), template)
                .orElseThrow(() -> ApiException.forbidden("this route is not in the access policy"));
        if (!identity.hasAnyRole(allowed)) {
            throw ApiException.forbidden("requires one of the roles " + allowed.stream().map(Role::claimValue)
                    .sorted().collect(Collectors.joining(", ")));
        }
        request.setAttribute(IDENTITY, identity);
    }

    private static Map<String, String> claimsOf(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null && event.getRequestContext().getAuthorizer() != null
                && event.getRequestContext().getAuthorizer().getJwt() != null) {
            return event.getRequestContext().getAuthorizer().getJwt().getClaims();
        }
        return Map.of();
    }
}
