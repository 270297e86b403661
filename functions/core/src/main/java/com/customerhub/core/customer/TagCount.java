package com.customerhub.core.customer;

/** One entry of the tag cloud. */
public record TagCount(String tag, long count) {
}
