package io.chatplatform.adapter.http.internal.route;

/** The work of one route: reads its inputs, calls inbound ports, returns the body (or a {@link Reply}). */
@FunctionalInterface
public interface Action {

    Object handle(Call call) throws Exception;
}
