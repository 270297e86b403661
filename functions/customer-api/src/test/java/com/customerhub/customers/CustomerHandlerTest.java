package com.customerhub.customers;

import com.customerhub.api.http.ApiHandler;
import com.customerhub.api.testing.HandlerTest;
import io.micronaut.context.ApplicationContext;

/** Handler tests of the customer API function. */
abstract class CustomerHandlerTest extends HandlerTest {
    @Override
    protected ApiHandler handler(ApplicationContext context) {
        return new CustomerApiHandler(context);
    }
}
