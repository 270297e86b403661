package com.customerhub.customers;

import com.customerhub.api.testing.DynamoCallCounter;

import com.customerhub.api.snapstart.PrimingResource;
import io.micronaut.crac.OrderedResource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The SnapStart hook is registered and warms the handler path without writing anything. */
class PrimingTest extends CustomerHandlerTest {
    private final DynamoCallCounter counter = new DynamoCallCounter();

    @Override
    protected Object[] singletons() {
        return new Object[]{counter};
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
