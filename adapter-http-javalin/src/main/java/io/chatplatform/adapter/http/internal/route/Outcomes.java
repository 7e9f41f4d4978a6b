package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.json.RenderedViews;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How a route answers each result of its action, and so which responses it declares: the one
 * place per route that maps a use case's result to the wire. A reply is made only here, from a
 * declared {@link Response} and a body of its type, so a route cannot send what its OpenAPI
 * description does not show.
 *
 * <p>A sealed result is mapped case by case ({@link #of}); {@link Cases#exhaustively()} refuses
 * a mapping that misses a case, so a new outcome of a use case stops the route table from being
 * built (at start-up and in every HTTP test) instead of reaching production. Java 17 has no
 * exhaustive {@code switch} over a sealed type, which is why this is checked when the table is
 * built rather than by the compiler (decision 0018).
 *
 * @param <R> the result of the route's action
 */
public final class Outcomes<R> {

    private final List<Response<?>> responses;
    private final boolean refusesCredentials;
    private final Function<? super R, Reply> answer;

    private Outcomes(List<Response<?>> responses, boolean refusesCredentials, Function<? super R, Reply> answer) {
        this.responses = List.copyOf(responses);
        this.refusesCredentials = refusesCredentials;
        this.answer = answer;
    }

    /** The result is the body of {@code response}. */
    public static <V> Outcomes<V> ok(Response<V> response) {
        return new Outcomes<>(List.of(response), false, response::reply);
    }

    /**
     * The result is rendered by {@code views} into the body of {@code response}, once per cached
     * value instance (see {@link RenderedViews}); the types tie the rendered view to the response.
     */
    public static <T, V> Outcomes<T> rendered(Response<V> response, RenderedViews<T, V> views) {
        Objects.requireNonNull(views, "views");
        if (!response.jsonOnly()) {
            throw new IllegalArgumentException(response + " is not a JSON response: it cannot send rendered JSON");
        }
        return new Outcomes<>(List.of(response), false, value -> response.replyRendered(views.json(value)));
    }

    /** A value that was found is the body of {@code response}; none is refused with {@code absent}. */
    public static <T, V> Outcomes<Optional<T>> present(Response<V> response, Function<? super T, ? extends V> view,
                                                       Refusal<? super Optional<T>> absent) {
        List<Response<?>> declared = new ArrayList<>(List.of(response));
        absent.declared().ifPresent(declared::add);
        return new Outcomes<>(declared, absent.declared().isEmpty(), found -> {
            if (found.isPresent()) {
                return response.reply(view.apply(found.get()));
            }
            throw absent.error(found);
        });
    }

    /**
     * The result is streamed as the body of {@code response} (a {@link Response#jsonStream}); a
     * stream that finds nothing to write, before it started, is refused with {@code nothing} (an
     * export of an account that no longer exists).
     */
    public static Outcomes<JsonStream> streamed(Response<JsonStream> response, Refusal<? super JsonStream> nothing) {
        if (!response.streamed()) {
            throw new IllegalArgumentException(response + " is not a streamed response");
        }
        List<Response<?>> declared = new ArrayList<>(List.of(response));
        nothing.declared().ifPresent(declared::add);
        return new Outcomes<>(declared, nothing.declared().isEmpty(),
                stream -> response.replyStreamed(stream, () -> nothing.error(stream)));
    }

    /** Maps each case of {@code type}, a sealed interface of records (or a single final class). */
    public static <R> Cases<R> of(Class<R> type) {
        return new Cases<>(type);
    }

    /** The declared responses, in declaration order. */
    public List<Response<?>> responses() {
        return responses;
    }

    /** Whether some result is refused with the authenticated routes' own 401. */
    boolean refusesCredentials() {
        return refusesCredentials;
    }

    /** The reply to {@code result}; an expected refusal is thrown as the error it answers with. */
    Reply answer(R result) {
        return answer.apply(Objects.requireNonNull(result, "an action returned null"));
    }

    /** The cases of a sealed result, each answered or refused. */
    public static final class Cases<R> {
        private final Class<R> type;
        private final Map<Class<?>, Function<Object, Reply>> cases = new LinkedHashMap<>();
        private final List<Response<?>> responses = new ArrayList<>();
        private boolean refusesCredentials;

        private Cases(Class<R> type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        /** A {@code kind} is answered with {@code response}, its body made by {@code view}. */
        public <C extends R, V> Cases<R> answer(Class<C> kind, Response<V> response, Function<? super C, ? extends V> view) {
            declare(response);
            return add(kind, result -> response.reply(view.apply(kind.cast(result))));
        }

        /** A {@code kind} is refused. */
        public <C extends R> Cases<R> refuse(Class<C> kind, Refusal<? super C> refusal) {
            refusal.declared().ifPresentOrElse(this::declare, () -> refusesCredentials = true);
            return add(kind, result -> {
                throw refusal.error(kind.cast(result));
            });
        }

        /**
         * A {@code kind} this route's call never gets back. A use case's result type can be shared
         * by several calls whose contracts each rule out some cases (a deletion is never refused
         * for a closed edit window: the domain's {@code Decision.DeleteForEveryone} has no such
         * case), so the route declares nothing for it. Getting it anyway is a bug, answered as a
         * fault (500, logged), never as a guessed refusal.
         */
        public <C extends R> Cases<R> never(Class<C> kind, String why) {
            Objects.requireNonNull(why, "why");
            return add(kind, result -> {
                throw new IllegalStateException(type.getName() + ": " + kind.getSimpleName() + " cannot be the result here ("
                        + why + ")");
            });
        }

        /** The mapping; fails unless every case of the result type is mapped. */
        public Outcomes<R> exhaustively() {
            Set<Class<?>> all = leaves(type);
            Set<Class<?>> missing = new LinkedHashSet<>(all);
            missing.removeAll(cases.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalStateException(type.getName() + ": no answer for " + missing);
            }
            Map<Class<?>, Function<Object, Reply>> table = Map.copyOf(cases);
            return new Outcomes<>(responses, refusesCredentials, result -> {
                Function<Object, Reply> answer = table.get(result.getClass());
                if (answer == null) {
                    throw new IllegalStateException(type.getName() + ": no answer for " + result.getClass().getName());
                }
                return answer.apply(result);
            });
        }

        private Cases<R> add(Class<?> kind, Function<Object, Reply> answer) {
            if (!Modifier.isFinal(kind.getModifiers())) {
                // the table is looked up by the result's class: only a final class is its own case
                throw new IllegalArgumentException(kind.getName() + " is not a final case of " + type.getName());
            }
            if (cases.putIfAbsent(kind, answer) != null) {
                throw new IllegalArgumentException(kind.getName() + " is answered twice");
            }
            return this;
        }

        private void declare(Response<?> response) {
            boolean known = false;
            for (Response<?> declared : responses) {
                if (declared == response) {
                    known = true; // two cases answered alike (a message sent, or sent before)
                } else if (declared.status() == response.status()) {
                    throw new IllegalArgumentException(type.getName() + " declares status " + response.status() + " twice");
                }
            }
            if (!known) {
                responses.add(response);
            }
        }

        /** The final classes a value of {@code type} can be. */
        private static Set<Class<?>> leaves(Class<?> type) {
            Set<Class<?>> leaves = new LinkedHashSet<>();
            if (type.isSealed()) {
                for (Class<?> permitted : type.getPermittedSubclasses()) {
                    leaves.addAll(leaves(permitted));
                }
            } else if (Modifier.isFinal(type.getModifiers())) {
                leaves.add(type);
            } else {
                throw new IllegalArgumentException(type.getName() + " is neither sealed nor final: its cases are unknown");
            }
            return leaves;
        }
    }
}
