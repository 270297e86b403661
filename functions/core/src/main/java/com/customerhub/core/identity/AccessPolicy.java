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
    private static final Set<Role> CONSENT_WRITERS = EnumSet.of(ADMIN, AGENT, DPO);
    private static final Set<Role> ENRICHERS = EnumSet.of(ADMIN, INTEGRATION);

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
                // alert rules, alerts and segments (functions/alert-evaluator)
                new Rule("POST", "/alert-rules", ADMINS),
                new Rule("GET", "/alert-rules", READERS),
                new Rule("GET", "/alert-rules/{id}", READERS),
                new Rule("PUT", "/alert-rules/{id}", ADMINS),
                new Rule("DELETE", "/alert-rules/{id}", ADMINS),
                new Rule("POST", "/alert-rules/{id}/test", ADMINS),
                new Rule("GET", "/alerts", READERS),
                new Rule("POST", "/alerts/{id}/acknowledge", WRITERS),
                new Rule("GET", "/customers/{id}/alerts", READERS),
                new Rule("POST", "/segments", ADMINS),
                new Rule("GET", "/segments", READERS),
                new Rule("GET", "/segments/{id}", READERS),
                new Rule("PUT", "/segments/{id}", ADMINS),
                new Rule("DELETE", "/segments/{id}", ADMINS),
                new Rule("GET", "/segments/{id}/members", READERS),
                new Rule("GET", "/customers", READERS),
                new Rule("POST", "/customers", WRITERS),
                new Rule("GET", "/customers/{id}", READERS),
                new Rule("PUT", "/customers/{id}", WRITERS),
                new Rule("PATCH", "/customers/{id}", WRITERS),
                new Rule("DELETE", "/customers/{id}", ADMINS),
                new Rule("GET", "/customers/{id}/audit", AUDITORS),
                new Rule("GET", "/customers/{id}/contacts", READERS),
                new Rule("POST", "/customers/{id}/contacts", WRITERS),
                new Rule("GET", "/customers/{id}/contacts/{contactId}", READERS),
                new Rule("PUT", "/customers/{id}/contacts/{contactId}", WRITERS),
                new Rule("PATCH", "/customers/{id}/contacts/{contactId}", WRITERS),
                new Rule("DELETE", "/customers/{id}/contacts/{contactId}", WRITERS),
                new Rule("POST", "/customers/{id}/contacts/{contactId}/primary", WRITERS),
                new Rule("POST", "/customers/{id}/contacts/{contactId}/relations", WRITERS),
                new Rule("GET", "/customers/{id}/authorizations", READERS),
                new Rule("POST", "/customers/{id}/authorizations", WRITERS),
                new Rule("GET", "/customers/{id}/authorizations/check", READERS),
                new Rule("GET", "/customers/{id}/authorizations/{authId}", READERS),
                new Rule("PATCH", "/customers/{id}/authorizations/{authId}", WRITERS),
                new Rule("POST", "/customers/{id}/authorizations/{authId}/document", WRITERS),
                new Rule("POST", "/customers/{id}/interactions", WRITERS),
                new Rule("GET", "/customers/{id}/interactions", READERS),
                new Rule("GET", "/customers/{id}/interactions/{interactionId}", READERS),
                new Rule("PATCH", "/customers/{id}/interactions/{interactionId}", WRITERS),
                new Rule("GET", "/customers/{id}/history", READERS),
                new Rule("GET", "/customers/{id}/view", READERS),
                new Rule("GET", "/customers/{id}/children", READERS),
                new Rule("GET", "/tags", READERS),
                new Rule("GET", "/customers/duplicates", READERS),
                new Rule("POST", "/customers/bulk", WRITERS),
                new Rule("POST", "/customers/merge", ADMINS),
                new Rule("POST", "/merges/{id}/undo", ADMINS),
                new Rule("POST", "/customers/{id}/links", WRITERS),
                new Rule("GET", "/customers/{id}/links", READERS),
                new Rule("DELETE", "/customers/{id}/links/{linkId}", WRITERS),
                // the agent's desk: enrichment by integrations, forwarding by mail, the tenant's settings
                new Rule("POST", "/customers/{id}/enrichment", ENRICHERS),
                new Rule("POST", "/customers/{id}/interactions/{interactionId}/forward", WRITERS),
                new Rule("GET", "/settings", ADMINS),
                new Rule("PUT", "/settings", ADMINS),
                new Rule("POST", "/customers/{id}/consents", CONSENT_WRITERS),
                new Rule("GET", "/customers/{id}/consents", READERS),
                new Rule("GET", "/customers/{id}/outbound-permission", READERS),
                // data-subject requests: anyone who takes the person's call files one; a dpo (or admin) handles it
                new Rule("POST", "/privacy-requests", CONSENT_WRITERS),
                new Rule("GET", "/privacy-requests", AUDITORS),
                new Rule("GET", "/privacy-requests/{id}", AUDITORS),
                new Rule("POST", "/privacy-requests/{id}/extend", AUDITORS),
                new Rule("POST", "/privacy-requests/{id}/process", AUDITORS),
                new Rule("POST", "/privacy-requests/{id}/reject", AUDITORS),
                new Rule("GET", "/suppressions/check", CONSENT_WRITERS),
                // imports: agents run upsert imports and exports; replace (and confirming one) is checked for admin
                new Rule("POST", "/imports", WRITERS),
                new Rule("GET", "/imports", EnumSet.of(ADMIN, AGENT, VIEWER)),
                new Rule("GET", "/imports/template", READERS),
                new Rule("GET", "/imports/{id}", EnumSet.of(ADMIN, AGENT, VIEWER)),
                new Rule("POST", "/imports/{id}/confirm", WRITERS),
                new Rule("POST", "/imports/{id}/cancel", WRITERS),
                new Rule("POST", "/exports", WRITERS),
                new Rule("GET", "/exports/{id}", WRITERS)));
    }

    public Optional<Set<Role>> rolesFor(String method, String pathTemplate) {
        return Optional.ofNullable(rules.get(method + " " + pathTemplate)).map(Rule::roles);
    }

    public List<Rule> rules() {
        return ordered;
    }
}
