package io.chatplatform.adapter.http.internal.route;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A JSON body too large to hold in memory, written piece by piece straight to the response while
 * it is read (an account's export): the body of a {@link Response#jsonStream} response.
 */
@FunctionalInterface
public interface JsonStream {

    /**
     * Writes the body. The first call of {@code start} starts the response (its status and headers
     * are sent with the first bytes) and gives the generator to write with; call it when the first
     * piece is at hand, so that a failure before it is still answered as any other (a 503 when a
     * store does not answer). The caller closes the generator.
     *
     * @return false, without having called {@code start}, when there is nothing to write (the
     *         route's outcomes then refuse, as declared)
     */
    boolean writeTo(Start start) throws IOException;

    /** Starts the response, once; later calls give the same generator. */
    @FunctionalInterface
    interface Start {
        JsonGenerator generator() throws IOException;
    }
}
