package com.customerhub.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.customerhub.localaws.SamTemplate;
import io.micronaut.context.ApplicationContext;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One template function running in this JVM, as one warm Lambda container: the handler class the
 * template names, its own application context configured from the template's environment (with the
 * local endpoints), and one invocation at a time.
 */
public final class FunctionRuntime implements AutoCloseable {
    private final SamTemplate.FunctionDef definition;
    private final ApplicationContext context;
    private final RequestHandler<Object, Object> handler;

    @SuppressWarnings("unchecked")
    FunctionRuntime(SamTemplate.FunctionDef definition, Map<String, Object> properties) {
        this.definition = definition;
        this.context = ApplicationContext.builder().properties(properties).start();
        try {
            Class<?> type = Class.forName(definition.handlerClass());
            this.handler = (RequestHandler<Object, Object>) type.getConstructor(ApplicationContext.class).newInstance(context);
        } catch (ReflectiveOperationException e) {
            context.close();
            throw new IllegalStateException("the template's handler " + definition.handler()
                    + " has no public constructor taking an ApplicationContext", e);
        }
    }

    /**
     * Micronaut properties from the template's environment variables, resolved for the local
     * stack (CUSTOMERS_TABLE becomes customers.table, as Micronaut maps environment variables).
     */
    static Map<String, Object> propertiesFor(SamTemplate.FunctionDef definition, Map<String, String> localNames,
                                             Map<String, Object> localSettings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        definition.localEnvironment(localNames).forEach((name, value) ->
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value));
        properties.putAll(localSettings);
        return properties;
    }

    public synchronized Object invoke(Object event, Context lambdaContext) {
        return handler.handleRequest(event, lambdaContext);
    }

    public SamTemplate.FunctionDef definition() {
        return definition;
    }

    @Override
    public void close() {
        context.close();
    }
}
