package com.customerhub.customers;

import com.customerhub.api.snapstart.PrimingResource;
import com.customerhub.api.snapstart.SnapStartRegistration;
import com.customerhub.api.testing.DynamoCallCounter;
import org.crac.CheckpointException;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SnapStart hook, once registered, runs at the checkpoint and warms the handler path without writing anything. */
class PrimingTest extends CustomerHandlerTest {
    private final DynamoCallCounter counter = new DynamoCallCounter();

    @Override
    protected Object[] singletons() {
        return new Object[]{counter};
    }

    @Test
    void theCheckpointRunsThePrimingWhichReadsButNeverWrites() throws Exception {
        RecordingCracContext crac = new RecordingCracContext();
        new SnapStartRegistration(api.context.getBean(PrimingResource.class)).register(crac);
        assertThat(crac.resources).singleElement().isInstanceOf(PrimingResource.class);
        long items = dynamo.scan(b -> b.tableName("CustomersTable").select("COUNT")).count();
        counter.reset();

        crac.beforeCheckpoint(null);

        assertThat(counter.operations()).containsExactly("GetItem");
        assertThat(dynamo.scan(b -> b.tableName("CustomersTable").select("COUNT")).count()).isEqualTo(items);
    }

    /** What the runtime's CRaC context does with registered resources at a checkpoint, without a checkpoint. */
    private static final class RecordingCracContext extends Context<Resource> {
        final List<Resource> resources = new ArrayList<>();

        @Override
        public void register(Resource resource) {
            resources.add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
            for (Resource resource : resources) {
                try {
                    resource.beforeCheckpoint(this);
                } catch (Exception e) {
                    CheckpointException failed = new CheckpointException();
                    failed.addSuppressed(e);
                    throw failed;
                }
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            // nothing is restored here
        }
    }
}
