package com.customerhub.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.customerhub.core.identity.AccessPolicy;
import com.customerhub.localaws.SamTemplate;
import io.micronaut.context.ApplicationContext;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.customerhub.localaws.SamTemplate.list;
import static com.customerhub.localaws.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rung 5: the SAM template and the code agree. Handler classes, environment variables, tables,
 * routes and the access policy are checked both ways; IAM stays least-privilege.
 */
class TemplateTest {
    private static final Set<String> PLATFORM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");
    private final SamTemplate template = SamTemplate.findFromWorkingDirectory();
    private final Path root = template.path().getParent().getParent();

    @Test
    void everyHandlerClassExistsAndCanRunLocally() throws Exception {
        assertThat(template.functions()).isNotEmpty();
        for (SamTemplate.FunctionDef function : template.functions()) {
            assertThat(function.handler()).as(function.logicalId()).endsWith("::handleRequest");
            Class<?> handler = Class.forName(function.handlerClass());
            assertThat(RequestHandler.class).isAssignableFrom(handler);
            handler.getConstructor();
            handler.getConstructor(ApplicationContext.class);
        }
    }

    @Test
    void everyEnvironmentVariableIsReadByTheCodeAndEveryPropertyIsSet() throws IOException {
        String sources = mainSources();
        Set<String> variables = new TreeSet<>();
        template.functions().forEach(f -> variables.addAll(f.environment().keySet()));
        variables.removeAll(PLATFORM_VARIABLES);
        for (String variable : variables) {
            String property = variable.toLowerCase(Locale.ROOT).replace('_', '.');
            assertThat(sources.contains("${" + property) || sources.contains("${" + variable)
                    || sources.contains("getenv(\"" + variable + "\")"))
                    .as(variable + " is set by the template but no code reads ${" + property + "}").isTrue();
        }
        // a property with a default (${name:default}) is optional tuning, not wiring the template must provide
        Matcher placeholders = Pattern.compile("@Value\\(\"\\$\\{([a-z0-9.-]+)}").matcher(sources);
        while (placeholders.find()) {
            String property = placeholders.group(1);
            if (property.startsWith("aws.") || property.startsWith("events.")) {
                continue; // local and test wiring, with defaults for AWS
            }
            String variable = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            assertThat(variables).as("the code reads ${" + property + "} but the template sets no " + variable).contains(variable);
        }
    }

    @Test
    void everyReferencedResourceExistsAndEveryTableIsUsed() {
        Set<String> resources = new HashSet<>(template.resources().keySet());
        resources.addAll(map(template.root().get("Parameters")).keySet());
        Set<String> referenced = new HashSet<>();
        template.functions().forEach(f -> f.environment().values().forEach(value -> {
            Object ref = map(value).get("Ref");
            if (ref != null) {
                referenced.add(String.valueOf(ref));
            }
        }));
        Set<String> known = new HashSet<>(resources);
        known.addAll(SamTemplate.map(template.root().get("Parameters")).keySet()); // e.g. the mail sender's address
        assertThat(known).containsAll(referenced);
        assertThat(referenced).containsAll(template.resourcesOfType("AWS::DynamoDB::Table").keySet());
    }

    @Test
    void everyFunctionHasALeastPrivilegePolicy() {
        for (SamTemplate.FunctionDef function : template.functions()) {
            List<Object> policies = list(function.properties().get("Policies"));
            assertThat(policies).as(function.logicalId() + " has no policy").isNotEmpty();
            for (Object policy : policies) {
                for (Object statement : list(map(policy).get("Statement"))) {
                    Map<String, Object> s = map(statement);
                    if (!"Allow".equals(s.get("Effect"))) {
                        continue;
                    }
                    List<Object> actions = s.get("Action") instanceof List<?> l ? new ArrayList<>(l) : List.of(s.get("Action"));
                    for (Object action : actions) {
                        assertThat(String.valueOf(action)).as(function.logicalId()).doesNotContain("*");
                    }
                    List<Object> targets = s.get("Resource") instanceof List<?> l ? new ArrayList<>(l) : List.of(s.get("Resource"));
                    assertThat(targets).as(function.logicalId() + " allows on every resource").doesNotContain("*");
                }
            }
        }
    }

    @Test
    void noFunctionMayChangeOrDeleteAConsentLedgerEntry() {
        int ledgerStatements = 0;
        for (SamTemplate.FunctionDef function : template.functions()) {
            for (Object policy : list(function.properties().get("Policies"))) {
                for (Object statement : list(map(policy).get("Statement"))) {
                    Map<String, Object> s = map(statement);
                    List<Object> targets = s.get("Resource") instanceof List<?> l ? new ArrayList<>(l) : List.of(s.get("Resource"));
                    boolean onLedger = targets.stream().anyMatch(t -> String.valueOf(t).contains("ConsentsTable"));
                    List<Object> actions = s.get("Action") instanceof List<?> l ? new ArrayList<>(l) : List.of(s.get("Action"));
                    if (onLedger) {
                        ledgerStatements++;
                        assertThat(actions).as(function.logicalId() + " on the consent ledger")
                                .doesNotContain("dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
                    }
                }
            }
        }
        assertThat(ledgerStatements).as("the privacy function's policy on the ledger was found").isPositive();
    }

    @Test
    void theApiIsThrottledAndAuthorizedByJwt() {
        Map<String, Object> api = template.resourcesOfType("AWS::Serverless::HttpApi").get("HttpApi");
        Map<String, Object> throttling = map(api.get("DefaultRouteSettings"));
        assertThat(throttling).containsKeys("ThrottlingRateLimit", "ThrottlingBurstLimit");
        Map<String, Object> auth = map(api.get("Auth"));
        assertThat(auth.get("DefaultAuthorizer")).isEqualTo("CognitoJwt");
    }

    @Test
    void templateRoutesControllerRoutesAndTheAccessPolicyAgree() {
        Set<String> templateRoutes = template.functions().stream().flatMap(f -> f.routes().stream())
                .map(r -> r.method() + " " + r.path()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> policyRoutes = AccessPolicy.standard().rules().stream().map(AccessPolicy.Rule::routeKey)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> controllerRoutes;
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("customers.table", "t", "guards.table", "g", "events.sink", "memory")).start()) {
            controllerRoutes = context.getBean(Router.class).uriRoutes()
                    .map(UriRouteInfo.class::cast)
                    .filter(r -> !r.getHttpMethodName().equals("HEAD")) // Micronaut adds HEAD to every GET
                    .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate().toPathString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(policyRoutes).isEqualTo(templateRoutes);
        assertThat(controllerRoutes).isEqualTo(templateRoutes);
    }

    @Test
    void theReadmePrintsEveryRowOfTheAccessPolicy() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        for (AccessPolicy.Rule rule : AccessPolicy.standard().rules()) {
            String roles = rule.roles().stream().map(r -> r.claimValue()).sorted((a, b) -> ORDER.indexOf(a) - ORDER.indexOf(b))
                    .collect(Collectors.joining(", "));
            assertThat(readme).contains("| `" + rule.routeKey() + "` | " + roles + " |");
        }
    }

    private static final List<String> ORDER = List.of("admin", "agent", "viewer", "dpo", "integration");

    @Test
    void tablesKeepDataSafe() {
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            assertThat(table.get("BillingMode")).as(id).isEqualTo("PAY_PER_REQUEST");
            assertThat(map(table.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled")).as(id).isEqualTo(true);
            assertThat(map(table.get("SSESpecification")).get("SSEEnabled")).as(id).isEqualTo(true);
        });
        Map<String, Object> bucket = template.resourcesOfType("AWS::S3::Bucket").get("ImportBucket");
        assertThat(map(bucket.get("PublicAccessBlockConfiguration")).values()).containsOnly(true);
    }

    @Test
    void reportsAndExportsExpireAtTheRetentionBoundAndTheSweeperIsScheduled() {
        // the lifecycle rules are the outer bound of every tenant's retention (settings refuse more)
        Map<String, Object> bucket = template.resourcesOfType("AWS::S3::Bucket").get("ImportBucket");
        Map<String, Map<String, Object>> rules = new java.util.HashMap<>();
        list(map(bucket.get("LifecycleConfiguration")).get("Rules")).forEach(rule -> rules.put(String.valueOf(map(rule).get("Prefix")), map(rule)));
        for (String prefix : List.of("reports/", "exports/")) {
            assertThat(rules.get(prefix).get("ExpirationInDays")).as(prefix).isEqualTo(com.customerhub.core.settings.Retention.MAX_DAYS);
            assertThat(map(rules.get(prefix).get("NoncurrentVersionExpiration"))).as(prefix + " versions").containsKey("NoncurrentDays");
        }
        SamTemplate.FunctionDef sweeper = template.function("RetentionSweeperFunction");
        assertThat(map(sweeper.properties().get("Events")).values().stream().map(e -> map(e).get("Type"))).contains("Schedule");
    }

    private String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root.resolve("functions"))) {
            for (Path file : files.filter(p -> p.toString().contains("/src/main/"))
                    .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".yml") || p.toString().endsWith(".xml"))
                    .toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }
}
