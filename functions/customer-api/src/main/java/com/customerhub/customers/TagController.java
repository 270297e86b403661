package com.customerhub.customers;

import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.customer.TagCount;
import com.customerhub.core.identity.Identity;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestAttribute;

import java.util.List;

/** {@code GET /tags}: the tag cloud, how many customers carry each tag. */
@Controller("/tags")
public class TagController {
    private final CustomerService customers;

    public TagController(CustomerService customers) {
        this.customers = customers;
    }

    @Get
    public List<TagCount> tags(@RequestAttribute(AccessFilter.IDENTITY) Identity who) {
        return customers.tags(who);
    }
}
