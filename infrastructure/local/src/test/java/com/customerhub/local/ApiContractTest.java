package com.customerhub.local;

import com.customerhub.localaws.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every route of the OpenAPI document the local stack serves: the document lists every route
 * of the template; no route lets one tenant read or touch another's data; and hostile input on any
 * route is a 4xx problem+json, never a 500, and writes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContractTest {
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private LocalStack stack;
    private Map<String, String> tokens;
    private LocalApi api;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> fixtureBodies = new HashMap<>();
    private List<String[]> routes;
    private final java.util.Set<String> withBody = new java.util.HashSet<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start(@TempDir Path data) throws Exception {
        stack = LocalStack.start(new LocalStackConfig(0, 0, 0, data, false), SamTemplate.findFromWorkingDirectory());
        tokens = json.readValue(Files.readString(data.resolve("tokens.json")), Map.class);
        api = new LocalApi(stack.apiUrl());
        Map<String, Object> document = new Yaml().load(api.sendBytes("GET", "/openapi.yml", null, null).body());
        routes = new ArrayList<>();
        ((Map<String, Object>) document.get("paths")).forEach((path, operations) ->
                ((Map<String, Object>) operations).forEach((method, operation) -> {
                    routes.add(new String[]{method.toUpperCase(Locale.ROOT), path});
                    if (((Map<String, Object>) operation).containsKey("requestBody")) {
                        withBody.add(method.toUpperCase(Locale.ROOT) + " " + path);
                    }
                }));
        Path events = SamTemplate.findFromWorkingDirectory().path().getParent().getParent().resolve("events");
        try (Stream<Path> files = Files.walk(events)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode event = json.readTree(file.toFile());
                if (event.hasNonNull("routeKey") && event.hasNonNull("body")) {
                    fixtureBodies.putIfAbsent(event.get("routeKey").asText(), event.get("body").asText());
                }
            }
        }
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theOpenApiDocumentListsEveryRouteOfTheTemplate() {
        TreeSet<String> documented = new TreeSet<>(routes.stream().map(r -> r[0] + " " + r[1]).toList());
        TreeSet<String> deployed = new TreeSet<>(SamTemplate.findFromWorkingDirectory().functions().stream()
                .flatMap(f -> f.routes().stream()).map(r -> r.method() + " " + r.path()).toList());
        assertThat(documented).containsAll(deployed);
    }

    @Test
    void noRouteCrossesTenants() throws Exception {
        walk(seed(tokens.get("admin")), tokens.get("otherTenantAdmin"));
        walk(seed(tokens.get("otherTenantAdmin")), tokens.get("admin"));
    }

    @Test
    void hostileInputIsRefusedWithProblemDetailsAndWritesNothing() throws Exception {
        Map<String, String> ids = seed(tokens.get("admin"));
        long before = itemCount();
        String admin = tokens.get("admin");
        List<String> hostileBodies = List.of(
                "{\"mobile\":",                                                   // malformed
                "{\"mobile\":123,\"name\":[1],\"priority\":\"high\",\"lastName\":{},\"channel\":7,\"type\":false,\"scope\":\"READ\"}",
                "{\"notes\":\"" + "x".repeat(10 * 1024 * 1024 - 100) + "\"}",    // 10 MB string
                "[".repeat(5000) + "]".repeat(5000),                              // deep nesting
                "{\"unknownField\":true,\"mobile\":\"+393330009999\",\"lastName\":\"X\"}");
        List<String> failures = new ArrayList<>();
        for (String[] route : routes) {
            String method = route[0];
            String path = fill(route[1], ids);
            if (withBody.contains(method + " " + route[1])) {
                for (String body : hostileBodies) {
                    check(failures, method, route[1], api.sendBytes(method, path, admin, body.getBytes(StandardCharsets.UTF_8)));
                }
                byte[] invalidUtf8 = {'{', '"', 'l', 'a', 's', 't', 'N', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
                check(failures, method, route[1], api.sendBytes(method, path, admin, invalidUtf8));
            }
            if (route[1].contains("{")) {
                String traversal = route[1].replaceAll("\\{[^}]+}", "..%2F..%2Fetc%2Fpasswd");
                check(failures, method, route[1], api.sendBytes(method, traversal, admin,
                        method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(itemCount()).as("hostile requests wrote nothing").isEqualTo(before);
    }

    private void check(List<String> failures, String method, String route, HttpResponse<String> response) {
        int status = response.statusCode();
        boolean problem = response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
        if (status < 400 || status >= 500 || !problem) {
            failures.add(method + " " + route + " -> " + status + " " + abbreviate(response.body()));
        }
    }

    /** Calls every route of one tenant's data with the other tenant's token. */
    private void walk(Map<String, String> ids, String foreignToken) throws Exception {
        List<String> failures = new ArrayList<>();
        for (String[] route : routes) {
            String method = route[0];
            String fixture = fixtureBodies.getOrDefault(method + " " + route[1], method.equals("GET") || method.equals("DELETE") ? null : "{}");
            String body = fixture == null ? null : fixture.replace("01HZZZZZZZZZZZZZZZZZZZZZZZ", ids.get("id"));
            String path = fill(route[1], ids);
            HttpResponse<String> response = api.sendBytes(method, path, foreignToken,
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8), "If-Match", "\"1\"");
            boolean hasIds = route[1].contains("{");
            // the ids the caller sent may be echoed back; any other id, or the owner's data, is a leak
            boolean leaks = response.body().contains(ids.get("marker")) || ids.values().stream()
                    .filter(value -> !path.contains(value) && (body == null || !body.contains(value)))
                    .anyMatch(response.body()::contains);
            if (hasIds && response.statusCode() != 404 && response.statusCode() != 403 || leaks) {
                failures.add(method + " " + route[1] + " -> " + response.statusCode() + " " + abbreviate(response.body()));
            }
        }
        assertThat(failures).isEmpty();
    }

    /** One customer with a contact, a representative and an interaction; answers their ids. */
    private Map<String, String> seed(String token) throws Exception {
        String marker = "Marker" + System.nanoTime();
        String mobile = "+3933" + String.valueOf(System.nanoTime()).substring(5, 13);
        JsonNode customer = json.readTree(api.sendBytes("POST", "/customers", token,
                ("{\"mobile\":\"" + mobile + "\",\"name\":\"" + marker + "\",\"tags\":[\"" + marker.toLowerCase(Locale.ROOT) + "\"]}")
                        .getBytes(StandardCharsets.UTF_8)).body());
        String id = customer.get("id").asText();
        String contact = json.readTree(api.sendBytes("POST", "/customers/" + id + "/contacts", token,
                ("{\"lastName\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8)).body()).get("id").asText();
        String authorization = json.readTree(api.sendBytes("POST", "/customers/" + id + "/authorizations", token,
                "{\"representative\":{\"name\":\"R\",\"mobile\":\"+393401112233\"},\"scope\":[\"READ\"]}".getBytes(StandardCharsets.UTF_8))
                .body()).get("id").asText();
        String interaction = json.readTree(api.sendBytes("POST", "/customers/" + id + "/interactions", token,
                ("{\"channel\":\"PHONE\",\"type\":\"CALL\",\"summary\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8))
                .body()).get("id").asText();
        Map<String, String> ids = new HashMap<>();
        ids.put("id", id);
        ids.put("contactId", contact);
        ids.put("authId", authorization);
        ids.put("interactionId", interaction);
        ids.put("marker", marker);
        return ids;
    }

    private static String fill(String template, Map<String, String> ids) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, ids.getOrDefault(matcher.group(1), "01HAAAAAAAAAAAAAAAAAAAAAAA"));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private long itemCount() {
        try (DynamoDbClient dynamo = stack.dynamo().client()) {
            return dynamo.listTables().tableNames().stream()
                    .mapToLong(table -> dynamo.scan(b -> b.tableName(table).select("COUNT")).count()).sum();
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
