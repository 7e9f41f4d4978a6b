package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.adapter.http.internal.request.FieldError;
import java.util.List;

/** A 422 in FastAPI's shape: every offending input. */
public record ValidationErrorView(List<FieldError> detail) {
}
