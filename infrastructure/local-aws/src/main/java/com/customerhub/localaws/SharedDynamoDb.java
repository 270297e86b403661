package com.customerhub.localaws;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit extension: one in-memory DynamoDB Local per test JVM with the template's tables, handed
 * to tests as a {@link LocalDynamoDb} parameter and stopped when the JVM's tests end.
 */
public final class SharedDynamoDb implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalDynamoDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Holder.class, key -> new Holder(), Holder.class).dynamo;
    }

    private static final class Holder implements ExtensionContext.Store.CloseableResource {
        private final LocalDynamoDb dynamo;

        Holder() {
            dynamo = LocalDynamoDb.start(0, null);
            try (DynamoDbClient client = dynamo.client()) {
                TemplateTables.createAll(client, SamTemplate.findFromWorkingDirectory());
            }
        }

        @Override
        public void close() {
            dynamo.close();
        }
    }
}
