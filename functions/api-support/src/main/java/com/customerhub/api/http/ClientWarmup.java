package com.customerhub.api.http;

import com.customerhub.api.snapstart.CustomerReadWarmup;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * On an on-demand cold start, builds the DynamoDB client on a second thread as soon as the context
 * has started, then runs the {@link CustomerReadWarmup}, while the main thread builds the
 * router and reads the first event. The client is the most expensive bean every API request needs
 * (SDK classes, endpoint rules, TLS context) and its first call loads the SDK's request path, so
 * the first request finds them ready or half built. Under SnapStart every bean is made before the
 * snapshot anyway, so {@link ApiHandler#contextBuilder} enables this only for on-demand starts.
 */
@Singleton
@Requires(property = ClientWarmup.ENABLED, value = "true")
public class ClientWarmup implements ApplicationEventListener<StartupEvent> {
    static final String ENABLED = "api.client-warmup";
    private static final Logger LOG = LoggerFactory.getLogger(ClientWarmup.class);

    private final BeanProvider<DynamoDbClient> dynamo;
    private final BeanProvider<CustomerReadWarmup> read;

    public ClientWarmup(BeanProvider<DynamoDbClient> dynamo, BeanProvider<CustomerReadWarmup> read) {
        this.dynamo = dynamo;
        this.read = read;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Thread thread = new Thread(this::warm, "client-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private void warm() {
        try {
            dynamo.get();
            read.get().run();
        } catch (RuntimeException e) {
            // the first request does the same work again and reports the failure where it matters
            LOG.warn("warming up ahead of the first request failed: {}", e.toString());
        }
    }
}
