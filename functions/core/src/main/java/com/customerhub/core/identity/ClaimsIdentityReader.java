package com.customerhub.core.identity;

import com.customerhub.core.error.ApiException;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the identity from the JWT claims that API Gateway's JWT authorizer passes in
 * {@code requestContext.authorizer.jwt.claims}. The authorizer has already checked signature,
 * issuer, audience and expiry; HTTP APIs flatten array claims to strings like {@code [admin agent]},
 * so both that form and a comma-separated list are accepted.
 */
@Singleton
public class ClaimsIdentityReader {
    public static final String TENANT_CLAIM = "custom:tenantId";
    public static final String GROUPS_CLAIM = "cognito:groups";
    public static final String CLASSES_CLAIM = "custom:contactClasses";

    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public Identity read(Map<String, String> claims) {
        if (claims == null || claims.isEmpty()) {
            throw ApiException.unauthorized("no verified token claims: send a bearer token");
        }
        String subject = claims.get("sub");
        String tenant = claims.get(TENANT_CLAIM);
        if (subject == null || subject.isBlank()) {
            throw ApiException.unauthorized("the token has no subject");
        }
        if (tenant == null || !TENANT_ID.matcher(tenant).matches()) {
            throw ApiException.unauthorized("the token has no valid " + TENANT_CLAIM + " claim");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : split(claims.get(GROUPS_CLAIM))) {
            Role.fromClaim(group).ifPresent(roles::add);
        }
        String classes = claims.get(CLASSES_CLAIM);
        Optional<Set<String>> contactClasses = classes == null || classes.isBlank()
                ? Optional.empty()
                : Optional.of(split(classes));
        return new Identity(tenant, subject, roles, contactClasses);
    }

    private static Set<String> split(String claim) {
        if (claim == null) {
            return Set.of();
        }
        String bare = claim.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return Arrays.stream(bare.split("[,\\s]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
