package com.customerhub.customers;

import com.customerhub.api.snapstart.PrimingResource;
import io.micronaut.crac.OrderedResource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The SnapStart hook is registered and warms the handler path without writing anything. */
class PrimingTest extends HandlerTest {
    private final DynamoCallCounter counter = new DynamoCallCounter();

    @Override
    @org.junit.jupiter.api.BeforeAll
    void start(com.customerhub.localaws.LocalDynamoDb local) {
        api = new ApiHarness(local, counter);
        dynamo = local.client();
    }

    @Test
    void primingReadsButNeverWrites() {
        assertThat(api.context.getBeansOfType(OrderedResource.class)).hasAtLeastOneElementOfType(PrimingResource.class);
        long items = dynamo.scan(b -> b.tableName("CustomersTable").select("COUNT")).count();
        counter.reset();
        api.context.getBean(PrimingResource.class).prime();
        assertThat(counter.operations()).containsExactly("GetItem");
        assertThat(dynamo.scan(b -> b.tableName("CustomersTable").select("COUNT")).count()).isEqualTo(items);
    }
}
