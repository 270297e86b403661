package com.customerhub.core.identity;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.customerhub.core.identity.Role.*;

/**
 * The one table of route x role, enforced before any controller runs. A route missing from it is
 * refused (fail closed); a test checks that every controller route is listed, and the README prints it.
 * Admin may do everything; viewer reads; agent reads and writes customer data; dpo handles privacy
 * and audit.
 */
public final class AccessPolicy {

    /** One row: a route template as API Gateway names it and the roles allowed on it. */
    public record Rule(String method, String path, Set<Role> roles) {
        public Rule {
            roles = Set.copyOf(roles);
        }

        public String routeKey() {
            return method + " " + path;
        }
    }

    private static final Set<Role> READERS = EnumSet.of(ADMIN, AGENT, VIEWER, DPO);
    private static final Set<Role> WRITERS = EnumSet.of(ADMIN, AGENT);
    private static final Set<Role> ADMINS = EnumSet.of(ADMIN);
    private static final Set<Role> AUDITORS = EnumSet.of(ADMIN, DPO);

    private final Map<String, Rule> rules;

    private AccessPolicy(List<Rule> rules) {
        Map<String, Rule> byKey = new LinkedHashMap<>();
        rules.forEach(rule -> byKey.put(rule.routeKey(), rule));
        this.rules = Map.copyOf(byKey);
        this.ordered = List.copyOf(rules);
    }

    private final List<Rule> ordered;

    public static AccessPolicy standard() {
        return new AccessPolicy(List.of(
                new Rule("GET", "/customers", READERS),
                new Rule("POST", "/customers", WRITERS),
                new Rule("GET", "/customers/{id}", READERS),
                new Rule("PUT", "/customers/{id}", WRITERS),
                new Rule("PATCH", "/customers/{id}", WRITERS),
                new Rule("DELETE", "/customers/{id}", ADMINS),
                new Rule("GET", "/customers/{id}/audit", AUDITORS)));
    }

    public Optional<Set<Role>> rolesFor(String method, String pathTemplate) {
        return Optional.ofNullable(rules.get(method + " " + pathTemplate)).map(Rule::roles);
    }

    public List<Rule> rules() {
        return ordered;
    }
}
