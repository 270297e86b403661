package com.customerhub.customers;


import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SharedDynamoDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The customer API scenarios against DynamoDB Local in this JVM. */
@ExtendWith(SharedDynamoDb.class)
class CustomerApiHandlerTest extends CustomerApiScenarios {
    @BeforeAll
    void start(LocalDynamoDb local) {
        startWith(local);
    }
}
