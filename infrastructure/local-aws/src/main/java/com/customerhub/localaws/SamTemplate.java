package com.customerhub.localaws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SAM template as the single source of truth for what runs locally: its tables, functions
 * (handler, environment, HTTP routes, schedules) and globals.
 */
public final class SamTemplate {
    /** One HTTP route of a function, as API Gateway would match it. */
    public record Route(String method, String path) {
    }

    /** One function: its logical id, handler, environment (Globals merged) and routes. */
    public record FunctionDef(String logicalId, String handler, Map<String, Object> environment, List<Route> routes,
                              Map<String, Object> properties) {
        public String handlerClass() {
            int separator = handler.indexOf("::");
            return separator < 0 ? handler : handler.substring(0, separator);
        }

        /**
         * The environment as a local run gives it: each {@code !Ref} replaced by its stand-in in
         * {@code localNames} (see {@link SamTemplate#localNames}); {@code JAVA_TOOL_OPTIONS} left out
         * (JVM flags, not configuration).
         */
        public Map<String, String> localEnvironment(Map<String, String> localNames) {
            Map<String, String> resolved = new LinkedHashMap<>();
            environment.forEach((name, value) -> {
                if (!name.equals("JAVA_TOOL_OPTIONS")) {
                    resolved.put(name, resolve(value, localNames));
                }
            });
            return resolved;
        }

        private static String resolve(Object value, Map<String, String> localNames) {
            Map<String, Object> intrinsic = map(value);
            if (intrinsic.containsKey("Ref")) {
                String logicalId = String.valueOf(intrinsic.get("Ref"));
                String name = localNames.get(logicalId);
                if (name == null) {
                    throw new IllegalStateException("the local stack has no stand-in for !Ref " + logicalId);
                }
                return name;
            }
            if (!intrinsic.isEmpty()) {
                throw new IllegalStateException("the local stack cannot resolve " + intrinsic);
            }
            return String.valueOf(value);
        }
    }

    private final Path path;
    private final Map<String, Object> root;

    private SamTemplate(Path path, Map<String, Object> root) {
        this.path = path;
        this.root = root;
    }

    public static SamTemplate load(Path path) {
        try {
            return new SamTemplate(path, CloudFormationYaml.load(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code infrastructure/template.yaml}, searched from the working directory upwards. */
    public static SamTemplate findFromWorkingDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("infrastructure/template.yaml");
            if (Files.isRegularFile(candidate)) {
                return load(candidate);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("infrastructure/template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    public Path path() {
        return path;
    }

    public Map<String, Object> root() {
        return root;
    }

    /** Every resource of the given type, by logical id, with its properties. */
    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(map(resource).getOrDefault("Properties", Map.of())));
            }
        });
        return found;
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    /** The function of that logical id. */
    public FunctionDef function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the template has no function " + logicalId));
    }

    /**
     * Local stand-ins for the template's resources, for {@link FunctionDef#localEnvironment}: each table
     * by its logical id (as {@link TemplateTables} creates it), every bucket and event bus by the name given.
     */
    public Map<String, String> localNames(String bucket, String bus) {
        Map<String, String> names = new LinkedHashMap<>();
        resourcesOfType("AWS::DynamoDB::Table").keySet().forEach(table -> names.put(table, table));
        resourcesOfType("AWS::S3::Bucket").keySet().forEach(id -> names.put(id, bucket));
        resourcesOfType("AWS::Events::EventBus").keySet().forEach(id -> names.put(id, bus));
        return names;
    }

    public List<FunctionDef> functions() {
        Map<String, Object> globals = map(map(root.getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of()));
        Map<String, Object> globalEnv = variables(globals);
        List<FunctionDef> functions = new ArrayList<>();
        resourcesOfType("AWS::Serverless::Function").forEach((id, properties) -> {
            Map<String, Object> env = new LinkedHashMap<>(globalEnv);
            env.putAll(variables(properties));
            List<Route> routes = new ArrayList<>();
            map(properties.getOrDefault("Events", Map.of())).values().forEach(event -> {
                Map<String, Object> e = map(event);
                if ("HttpApi".equals(e.get("Type"))) {
                    Map<String, Object> p = map(e.get("Properties"));
                    routes.add(new Route(String.valueOf(p.get("Method")).toUpperCase(), String.valueOf(p.get("Path"))));
                }
            });
            functions.add(new FunctionDef(id, String.valueOf(properties.get("Handler")), env, routes, properties));
        });
        return functions;
    }

    private static Map<String, Object> variables(Map<String, Object> properties) {
        return map(map(properties.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
