package io.chatplatform.adapter.http.internal.route;

/**
 * The work of one route: reads its inputs and calls an inbound port. Its result, of a type the
 * compiler knows (usually the use case's own sealed result), is answered by the route's
 * {@link Outcomes}.
 *
 * @param <R> what the action returns
 */
@FunctionalInterface
public interface Action<R> {

    R handle(Call call) throws Exception;
}
