package io.chatplatform.adapter.http.internal.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.adapter.http.internal.pipeline.ApiError;
import io.chatplatform.adapter.http.internal.request.FieldError;
import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.request.ValidationFailed;
import io.chatplatform.adapter.http.internal.view.ErrorView;
import io.chatplatform.adapter.http.internal.view.UnreadCountView;
import io.chatplatform.adapter.http.internal.view.ValidationErrorView;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutcomesTest {

    sealed interface Counted permits Count, Gone, Limited {
    }

    record Count(long value) implements Counted {
    }

    record Gone() implements Counted {
    }

    record Limited() implements Counted {
    }

    private static final Response<UnreadCountView> OK = Response.json(200, "The count", UnreadCountView.class);

    @Test
    @DisplayName("a mapping that misses a case of the sealed result is refused when it is built")
    void missing_case_fails() {
        assertThatThrownBy(() -> Outcomes.of(Counted.class)
                .answer(Count.class, OK, count -> new UnreadCountView(count.value()))
                .refuse(Gone.class, Refusal.of(404, "Gone"))
                .exhaustively())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Limited.class.getName());
    }

    @Test
    @DisplayName("the declared responses are those of the cases, in order, each once")
    void responses_follow_the_cases() {
        Outcomes<Counted> outcomes = Outcomes.of(Counted.class)
                .answer(Count.class, OK, count -> new UnreadCountView(count.value()))
                .refuse(Gone.class, Refusal.of(404, "Gone"))
                .refuse(Limited.class, Refusal.of(429, "Too many requests: counting", "Too many requests"))
                .exhaustively();

        assertThat(outcomes.responses()).extracting(Response::status).containsExactly(200, 404, 429);
        assertThat(outcomes.responses()).extracting(Response::description)
                .containsExactly("The count", "Gone", "Too many requests: counting");
        assertThat(outcomes.refusesCredentials()).isFalse();
    }

    @Test
    @DisplayName("a case is answered with its declared response, a refusal as the error it declares")
    void answers_and_refusals() {
        Outcomes<Counted> outcomes = Outcomes.of(Counted.class)
                .answer(Count.class, OK, count -> new UnreadCountView(count.value()))
                .refuse(Gone.class, Refusal.of(404, "Gone"))
                .refuse(Limited.class, Refusal.invalidCredentials())
                .exhaustively();

        assertThat(outcomes.answer(new Count(3)).response()).isSameAs(OK);
        assertThatThrownBy(() -> outcomes.answer(new Gone()))
                .isInstanceOfSatisfying(ApiError.class, error -> assertThat(error.status()).isEqualTo(404));
        assertThatThrownBy(() -> outcomes.answer(new Limited()))
                .isInstanceOfSatisfying(ApiError.class, error -> assertThat(error.status()).isEqualTo(401));
        assertThat(outcomes.refusesCredentials()).isTrue();
    }

    @Test
    @DisplayName("two different responses with one status are refused")
    void one_response_per_status() {
        assertThatThrownBy(() -> Outcomes.of(Counted.class)
                .answer(Count.class, OK, count -> new UnreadCountView(count.value()))
                .answer(Gone.class, Response.json(200, "Nothing", UnreadCountView.class), gone -> new UnreadCountView(0))
                .refuse(Limited.class, Refusal.of(429, "Too many requests")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("status 200 twice");
    }

    @Test
    @DisplayName("a route that answers 401 itself must be authenticated")
    void credentials_need_authentication() {
        Outcomes<Counted> outcomes = Outcomes.of(Counted.class)
                .answer(Count.class, OK, count -> new UnreadCountView(count.value()))
                .refuse(Gone.class, Refusal.invalidCredentials())
                .refuse(Limited.class, Refusal.of(429, "Too many requests"))
                .exhaustively();

        assertThatThrownBy(() -> Route.get("/count").tag(new Tag("t", "Tests")).summary("Count").description("Counts")
                .answers(outcomes).handle(call -> new Count(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("answers 401");
    }

    @Test
    @DisplayName("refusals that share one declared response declare it once and answer each with its own detail")
    void shared_refusal() {
        Response<ErrorView> conflict = Response.error(409, "The count cannot change now");
        Outcomes<Counted> outcomes = Outcomes.of(Counted.class)
                .answer(Count.class, OK, count -> new UnreadCountView(count.value()))
                .refuse(Gone.class, Refusal.of(conflict, gone -> "It is gone"))
                .refuse(Limited.class, Refusal.of(conflict, limited -> "It is limited"))
                .exhaustively();

        assertThat(outcomes.responses()).containsExactly(OK, conflict);
        assertThatThrownBy(() -> outcomes.answer(new Gone())).isInstanceOfSatisfying(ApiError.class, error -> {
            assertThat(error.status()).isEqualTo(409);
            assertThat(error.detail()).isEqualTo("It is gone");
        });
        assertThatThrownBy(() -> outcomes.answer(new Limited()))
                .isInstanceOfSatisfying(ApiError.class, error -> assertThat(error.detail()).isEqualTo("It is limited"));
    }

    @Test
    @DisplayName("an input the use case found wrong is refused as a 422 naming it, declared as the route's 422")
    void invalid_input() {
        Input<Long> counter = Input.id(Input.Source.JSON_BODY, "counter_id", value -> value, "The counter");
        Outcomes<Counted> outcomes = Outcomes.of(Counted.class)
                .answer(Count.class, OK, count -> new UnreadCountView(count.value()))
                .refuse(Gone.class, Refusal.invalid(counter, "must be a counter of yours", "Validation error"))
                .refuse(Limited.class, Refusal.of(429, "Too many requests"))
                .exhaustively();

        assertThat(outcomes.responses()).extracting(Response::status).containsExactly(200, 422, 429);
        assertThat(outcomes.responses().get(1).type()).isEqualTo(ValidationErrorView.class);
        assertThatThrownBy(() -> outcomes.answer(new Gone())).isInstanceOfSatisfying(ValidationFailed.class,
                failed -> assertThat(failed.errors()).containsExactly(new FieldError(List.of("body", "counter_id"),
                        "counter_id must be a counter of yours", "value_error")));
    }

    @Test
    @DisplayName("a case the call never gets declares nothing, and is a fault if it comes anyway")
    void never() {
        Outcomes<Counted> outcomes = Outcomes.of(Counted.class)
                .answer(Count.class, OK, count -> new UnreadCountView(count.value()))
                .refuse(Gone.class, Refusal.of(404, "Gone"))
                .never(Limited.class, "counting is not limited")
                .exhaustively();

        assertThat(outcomes.responses()).extracting(Response::status).containsExactly(200, 404);
        assertThatThrownBy(() -> outcomes.answer(new Limited()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Limited")
                .hasMessageContaining("counting is not limited");
    }
}
