package com.customerhub.local;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The OpenAPI document of the whole API: each function module generates its own at compile time
 * (micronaut-openapi, under META-INF/swagger/); this merges their paths and schemas into one.
 */
public final class OpenApiDocument {
    private static final String FOLDER = "META-INF/swagger";

    private OpenApiDocument() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> merged(ClassLoader loader) {
        Map<String, Object> paths = new TreeMap<>();
        Map<String, Object> schemas = new TreeMap<>();
        Map<String, Object> securitySchemes = new TreeMap<>();
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (URL resource : documents(loader)) {
            try (InputStream in = resource.openStream()) {
                Map<String, Object> document = yaml.load(in);
                paths.putAll((Map<String, Object>) document.getOrDefault("paths", Map.of()));
                Map<String, Object> components = (Map<String, Object>) document.getOrDefault("components", Map.of());
                schemas.putAll((Map<String, Object>) components.getOrDefault("schemas", Map.of()));
                securitySchemes.putAll((Map<String, Object>) components.getOrDefault("securitySchemes", Map.of()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.0.1");
        document.put("info", Map.of("title", "customer-hub", "version", "1",
                "description", "Customer and contact management: the HTTP API of every function (see API.md)"));
        document.put("security", List.of(Map.of("bearer", List.of())));
        document.put("paths", paths);
        document.put("components", Map.of("schemas", schemas, "securitySchemes", securitySchemes));
        return document;
    }

    public static String yaml(ClassLoader loader) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(merged(loader));
    }

    /** Every module's document, by URL: modules may name theirs alike. */
    private static List<URL> documents(ClassLoader loader) {
        List<URL> found = new ArrayList<>();
        try {
            Enumeration<URL> folders = loader.getResources(FOLDER);
            while (folders.hasMoreElements()) {
                URL folder = folders.nextElement();
                if ("jar".equals(folder.getProtocol())) {
                    try (JarFile jar = ((JarURLConnection) folder.openConnection()).getJarFile()) {
                        for (String name : jar.stream().map(e -> e.getName())
                                .filter(n -> n.startsWith(FOLDER + "/") && n.endsWith(".yml") && n.indexOf('/', FOLDER.length() + 1) < 0)
                                .toList()) {
                            found.add(new URL("jar:" + ((JarURLConnection) folder.openConnection()).getJarFileURL() + "!/" + name));
                        }
                    }
                } else {
                    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                            found.add(file.toUri().toURL());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return found.stream().distinct().toList();
    }
}
